package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadyQueueTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskEntry entry(TaskPriority p) {
        return new TaskEntry(1, TaskSpec.of("t", ctx -> null).priority(p).build(), T0);
    }

    @ParameterizedTest
    @CsvSource({"BULK,0,4", "BULK,9,4", "BULK,10,3", "BULK,35,1", "BULK,40,0", "BULK,1000,0", "HIGH,10,0", "CRITICAL,50,0"})
    void effectiveLevel_waitedSeconds_oneLevelPerStep(TaskPriority p, long waitedS, int expected) {
        ReadyQueue q = new ReadyQueue(Duration.ofSeconds(10));
        TaskEntry e = entry(p);
        q.add(e, T0);

        assertThat(q.effectiveLevel(e, T0.plusSeconds(waitedS))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"LOW,3", "BULK,4"})
    void effectiveLevel_agingOff_ownLevel(TaskPriority p, int expected) {
        ReadyQueue q = new ReadyQueue(Duration.ZERO);
        TaskEntry e = entry(p);
        q.add(e, T0);

        assertThat(q.effectiveLevel(e, T0.plus(Duration.ofDays(365)))).isEqualTo(expected);
    }
}
