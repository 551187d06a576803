package dev.whitemagic.engine.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.engine.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptiveThreadingControllerTest {

    private final AtomicReference<SystemLoad> load = new AtomicReference<>(new SystemLoad(10, 20));
    private final AdaptiveThreadingController controller = new AdaptiveThreadingController(load::get,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} tasks → {1}")
    @CsvSource({"5, TIER_0", "20, TIER_1", "40, TIER_2", "80, TIER_3", "150, TIER_4", "300, TIER_5"})
    void recommendTier_taskCountPicksTier(int tasks, ThreadingTier expected) {
        assertThat(controller.recommendTier(tasks, 50)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} tasks → {1}")
    @CsvSource({
        "0, TIER_0", "9, TIER_0", "10, TIER_1", "24, TIER_1", "25, TIER_2", "49, TIER_2",
        "50, TIER_3", "99, TIER_3", "100, TIER_4", "199, TIER_4", "200, TIER_5",
    })
    void evaluate_taskCountBoundsAreExclusive(int tasks, ThreadingTier expected) {
        assertThat(controller.evaluate(tasks, 50).tier()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "80 tasks, complexity {0} → {1}")
    @CsvSource({"0, TIER_4", "24, TIER_4", "25, TIER_3", "50, TIER_3", "75, TIER_3", "76, TIER_2", "100, TIER_2"})
    void evaluate_complexityShiftsOneTier(int complexity, ThreadingTier expected) {
        assertThat(controller.evaluate(80, complexity).tier()).isEqualTo(expected);
    }

    @Test
    void evaluate_complexityShift_clampsAtTheEnds() {
        TierDecision low = controller.evaluate(5, 90);
        assertThat(low.tier()).isEqualTo(ThreadingTier.TIER_0);
        assertThat(low.reason()).contains("lowest");
        TierDecision high = controller.evaluate(300, 10);
        assertThat(high.tier()).isEqualTo(ThreadingTier.TIER_5);
        assertThat(high.reason()).contains("highest");
    }

    @Test
    void recommendTier_cpuOverThreshold_stepsDownFromCurrent() {
        controller.setCurrentTier(ThreadingTier.TIER_4);
        load.set(new SystemLoad(80.5, 20));
        TierDecision d = controller.evaluate(300, 50);
        assertThat(d.underLoad()).isTrue();
        assertThat(d.tier()).isEqualTo(ThreadingTier.TIER_3);
        assertThat(d.reason()).contains("CPU 81 % is over the 80 % threshold").contains("TIER_4").contains("TIER_3");
        assertThat(controller.recommendTier(300, 50)).isEqualTo(ThreadingTier.TIER_3);
        // Still loaded: each decision steps down again, whatever the task count.
        assertThat(controller.recommendTier(300, 50)).isEqualTo(ThreadingTier.TIER_2);
    }

    @Test
    void recommendTier_memoryOverThreshold_stepsDownFromCurrent() {
        controller.setCurrentTier(ThreadingTier.TIER_2);
        load.set(new SystemLoad(5, 90));
        TierDecision d = controller.evaluate(5, 50);
        assertThat(d.tier()).isEqualTo(ThreadingTier.TIER_1);
        assertThat(d.reason()).contains("memory 90 % is over the 85 % threshold");
    }

    @Test
    void recommendTier_exactlyAtThreshold_isNotOver() {
        load.set(new SystemLoad(80, 85));
        TierDecision d = controller.evaluate(80, 50);
        assertThat(d.underLoad()).isFalse();
        assertThat(d.tier()).isEqualTo(ThreadingTier.TIER_3);
    }

    @Test
    void recommendTier_underLoadAtLowestTier_staysThere() {
        controller.setCurrentTier(ThreadingTier.TIER_0);
        load.set(new SystemLoad(99, 99));
        TierDecision d = controller.evaluate(300, 0);
        assertThat(d.tier()).isEqualTo(ThreadingTier.TIER_0);
        assertThat(d.reason()).contains("stays at the lowest tier");
    }

    @Test
    void thresholds_areHonoured_whenLowered() {
        controller.setCpuThreshold(5);
        assertThat(controller.evaluate(80, 50).underLoad()).isTrue();
        controller.setCpuThreshold(80);
        controller.setMemoryThreshold(15);
        assertThat(controller.evaluate(80, 50).underLoad()).isTrue();
    }

    @Test
    void thresholds_outOfRange_areRefused() {
        assertThatThrownBy(() -> controller.setCpuThreshold(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> controller.setMemoryThreshold(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> controller.setCpuThreshold(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(controller.cpuThreshold()).isEqualTo(80);
    }

    @Test
    void evaluate_badArguments_areRefusedWithTheValue() {
        assertThatThrownBy(() -> controller.evaluate(-3, 50)).hasMessageContaining("-3");
        assertThatThrownBy(() -> controller.evaluate(10, 101)).hasMessageContaining("101");
        assertThatThrownBy(() -> controller.evaluate(10, -1)).hasMessageContaining("-1");
    }

    @Test
    void evaluate_changesNothing() {
        controller.evaluate(300, 0);
        assertThat(controller.currentTier()).isEqualTo(ThreadingTier.TIER_3);
        assertThat(controller.history()).isEmpty();
    }

    @Test
    void recommendTier_makesTierCurrent_andPublishesTheDecision() throws Exception {
        List<TierDecision> seen = new ArrayList<>();
        try (Subscription s = controller.onDecision(seen::add)) {
            controller.recommendTier(150, 50);
        }
        controller.recommendTier(5, 50);
        assertThat(controller.currentTier()).isEqualTo(ThreadingTier.TIER_0);
        assertThat(seen).hasSize(1);
        TierDecision d = seen.getFirst();
        assertThat(d.tier()).isEqualTo(ThreadingTier.TIER_4);
        assertThat(d.previous()).isEqualTo(ThreadingTier.TIER_3);
        assertThat(d.taskCount()).isEqualTo(150);
        assertThat(d.cpuPercent()).isEqualTo(10);
        assertThat(d.memoryPercent()).isEqualTo(20);
        assertThat(d.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(controller.history()).extracting(TierDecision::tier)
                .containsExactly(ThreadingTier.TIER_4, ThreadingTier.TIER_0);
    }

    @Test
    void recommendTier_failingListener_doesNotStopOthers() {
        List<TierDecision> seen = new ArrayList<>();
        controller.onDecision(d -> {
            throw new IllegalStateException("boom");
        });
        controller.onDecision(seen::add);
        assertThat(controller.recommendTier(40, 50)).isEqualTo(ThreadingTier.TIER_2);
        assertThat(seen).hasSize(1);
    }

    @Test
    void history_isBounded() {
        for (int i = 0; i < AdaptiveThreadingController.HISTORY_SIZE + 5; i++) {
            controller.recommendTier(i % 300, 50);
        }
        List<TierDecision> history = controller.history();
        assertThat(history).hasSize(AdaptiveThreadingController.HISTORY_SIZE);
        assertThat(history.getFirst().taskCount()).isEqualTo(5);
    }

    @Test
    void getPoolConfig_followsCurrentTier() {
        controller.recommendTier(300, 50);
        assertThat(controller.getPoolConfig()).isEqualTo(PoolConfig.forTier(ThreadingTier.TIER_5));
    }

    @Test
    void evaluate_nullLoad_countsAsIdle() {
        AdaptiveThreadingController blind = new AdaptiveThreadingController(() -> null);
        assertThat(blind.evaluate(80, 50).tier()).isEqualTo(ThreadingTier.TIER_3);
    }
}
