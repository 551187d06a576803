package dev.whitemagic.engine.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ThreadingTierTest {

    @Test
    void threads_doubleFromEightTo256() {
        assertThat(ThreadingTier.values()).extracting(ThreadingTier::threads)
                .containsExactly(8, 16, 32, 64, 128, 256);
    }

    @Test
    void labels_nameTheIChingCounts() {
        assertThat(ThreadingTier.TIER_0.label()).contains("8 trigrams");
        assertThat(ThreadingTier.TIER_3.label()).contains("64 hexagrams");
    }

    @ParameterizedTest(name = "{0} tasks → {1}")
    @CsvSource({
        "-5, TIER_0", "0, TIER_0", "5, TIER_0", "10, TIER_0",
        "11, TIER_1", "20, TIER_1", "25, TIER_1",
        "26, TIER_2", "40, TIER_2", "50, TIER_2",
        "51, TIER_3", "80, TIER_3", "100, TIER_3",
        "101, TIER_4", "150, TIER_4", "200, TIER_4",
        "201, TIER_5", "300, TIER_5", "2147483647, TIER_5",
    })
    void fromComplexity_inclusiveBounds(int tasks, ThreadingTier expected) {
        assertThat(ThreadingTier.fromComplexity(tasks)).isEqualTo(expected);
    }

    @Test
    void fromComplexity_eightyTasks_isTier3With64Threads() {
        ThreadingTier tier = ThreadingTier.fromComplexity(80);
        assertThat(tier).isEqualTo(ThreadingTier.TIER_3);
        assertThat(tier.threads()).isEqualTo(64);
    }

    @Test
    void stepDownAndUp_clampAtTheEnds() {
        assertThat(ThreadingTier.TIER_0.stepDown()).isEqualTo(ThreadingTier.TIER_0);
        assertThat(ThreadingTier.TIER_5.stepUp()).isEqualTo(ThreadingTier.TIER_5);
        assertThat(ThreadingTier.TIER_3.stepDown()).isEqualTo(ThreadingTier.TIER_2);
        assertThat(ThreadingTier.TIER_3.stepUp()).isEqualTo(ThreadingTier.TIER_4);
    }

    @ParameterizedTest
    @CsvSource({"TIER_2, TIER_2", "tier_4, TIER_4", "3, TIER_3", "t5, TIER_5", " 0 , TIER_0"})
    void parse_acceptsNamesAndLevels(String text, ThreadingTier expected) {
        assertThat(ThreadingTier.parse(text)).isEqualTo(expected);
    }

    @Test
    void parse_unknown_namesTheInput() {
        assertThatThrownBy(() -> ThreadingTier.parse("TIER_9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TIER_9");
        assertThatThrownBy(() -> ThreadingTier.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast");
    }
}
