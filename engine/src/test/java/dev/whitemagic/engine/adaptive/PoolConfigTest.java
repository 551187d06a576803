package dev.whitemagic.engine.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolConfigTest {

    @ParameterizedTest(name = "{0}: io {1}, cpu {2}, api {3}, db {4}")
    @CsvSource({
        "TIER_0,   8,  4,   8,  4",
        "TIER_1,  16,  4,   8,  4",
        "TIER_2,  32,  8,  16,  4",
        "TIER_3,  64, 16,  32,  8",
        "TIER_4, 128, 32,  64, 16",
        "TIER_5, 256, 64, 128, 32",
    })
    void forTier_followsTheSeedFormula(ThreadingTier tier, int io, int cpu, int api, int db) {
        PoolConfig config = PoolConfig.forTier(tier);
        assertThat(config.tier()).isEqualTo(tier);
        assertThat(config.ioWorkers()).isEqualTo(io);
        assertThat(config.cpuWorkers()).isEqualTo(cpu);
        assertThat(config.apiWorkers()).isEqualTo(api);
        assertThat(config.dbWorkers()).isEqualTo(db);
    }

    /** Before: negative counts were accepted. */
    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({"-1, 4, 8, 4", "8, 0, 8, 4", "8, 4, -8, 4", "8, 4, 8, 0"})
    void constructor_countBelowOne_refusedNamingIt(int io, int cpu, int api, int db) {
        assertThatThrownBy(() -> new PoolConfig(ThreadingTier.TIER_0, io, cpu, api, db))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers must be at least 1");
    }
}
