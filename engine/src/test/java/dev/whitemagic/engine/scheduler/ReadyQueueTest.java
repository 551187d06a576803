package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadyQueueTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskEntry entry(TaskPriority p) {
        return new TaskEntry(1, TaskSpec.of("t", ctx -> null).priority(p).build(), T0);
    }

    private static TaskEntry entry(long id, TaskPriority p) {
        return new TaskEntry(id, TaskSpec.of("t" + id, ctx -> null).priority(p).build(), T0);
    }

    private static List<Long> drain(ReadyQueue q, Instant now) {
        List<Long> ids = new ArrayList<>();
        for (TaskEntry e; (e = q.poll(now)) != null; ) {
            ids.add(e.id);
        }
        return ids;
    }

    @Test
    void poll_mixedPriorities_priorityThenFifo() {
        ReadyQueue q = new ReadyQueue(Duration.ofSeconds(30));
        TaskPriority[] p = {TaskPriority.BULK, TaskPriority.NORMAL, TaskPriority.CRITICAL, TaskPriority.NORMAL,
            TaskPriority.HIGH, TaskPriority.BULK, TaskPriority.CRITICAL};
        for (int i = 0; i < p.length; i++) {
            q.add(entry(i + 1, p[i]), T0);
        }

        assertThat(drain(q, T0)).containsExactly(3L, 7L, 5L, 2L, 4L, 1L, 6L);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void poll_cancelledHeads_skippedAndQueueEmptiesAfterwards() {
        ReadyQueue q = new ReadyQueue(Duration.ZERO);
        TaskEntry a = entry(1, TaskPriority.HIGH);
        TaskEntry b = entry(2, TaskPriority.HIGH);
        TaskEntry c = entry(3, TaskPriority.LOW);
        q.add(a, T0);
        q.add(b, T0);
        q.add(c, T0);
        a.status = TaskStatus.CANCELLED;
        c.status = TaskStatus.CANCELLED;

        assertThat(drain(q, T0)).containsExactly(2L);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void changePriority_queuedHead_movesToTheBackOfTheNewFifo() {
        ReadyQueue q = new ReadyQueue(Duration.ZERO);
        TaskEntry low = entry(1, TaskPriority.LOW);
        TaskEntry high = entry(2, TaskPriority.HIGH);
        TaskEntry low2 = entry(3, TaskPriority.LOW);
        q.add(low, T0);
        q.add(high, T0);
        q.add(low2, T0);

        q.changePriority(low, TaskPriority.HIGH);

        assertThat(drain(q, T0)).containsExactly(2L, 1L, 3L);
    }

    @Test
    void poll_bulkAgedPastHigh_runsFirst() {
        ReadyQueue q = new ReadyQueue(Duration.ofSeconds(10));
        q.add(entry(1, TaskPriority.BULK), T0);
        q.add(entry(2, TaskPriority.HIGH), T0.plusSeconds(40));

        assertThat(drain(q, T0.plusSeconds(40))).containsExactly(1L, 2L);
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
