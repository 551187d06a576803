package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerStatsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TaskInfo task(TaskStatus status, Long waitMs, Long runMs) {
        Instant started = waitMs == null ? null : T0.plusMillis(waitMs);
        Instant finished = runMs == null ? (status.isFinal() ? T0 : null) : started.plusMillis(runMs);
        return new TaskInfo(1, "t", "task", TaskPriority.NORMAL, status, T0, started, finished, List.of(),
                null, null, started == null ? 0 : 1, 0, 0);
    }

    @Test
    void of_interruptedTasks_countAsFinishedButNotAsSuccess() {
        List<TaskInfo> tasks = List.of(task(TaskStatus.COMPLETED, 0L, 10L), task(TaskStatus.INTERRUPTED, 0L, 5L));

        SchedulerStats s = SchedulerStats.of(tasks, Duration.ofSeconds(1));

        assertThat(s.interrupted()).isEqualTo(1);
        assertThat(s.cancelled()).isZero();
        assertThat(s.finished()).isEqualTo(2);
        assertThat(s.successRate()).isEqualTo(0.5);
    }

    @Test
    void of_mixedStates_countsAndAveragesCompletedOnly() {
        List<TaskInfo> tasks = List.of(
                task(TaskStatus.COMPLETED, 0L, 10L),
                task(TaskStatus.COMPLETED, 0L, 30L),
                task(TaskStatus.FAILED, 0L, 1000L),
                task(TaskStatus.CANCELLED, null, null),
                task(TaskStatus.RUNNING, 5L, null),
                task(TaskStatus.PENDING, null, null));

        SchedulerStats s = SchedulerStats.of(tasks, Duration.ofSeconds(2));

        assertThat(s.total()).isEqualTo(6);
        assertThat(s.completed()).isEqualTo(2);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.cancelled()).isEqualTo(1);
        assertThat(s.running()).isEqualTo(1);
        assertThat(s.pending()).isEqualTo(1);
        assertThat(s.avgExecutionTime()).isEqualTo(Duration.ofMillis(20));
        assertThat(s.finished()).isEqualTo(4);
        assertThat(s.successRate()).isEqualTo(0.5);
        assertThat(s.throughput()).isEqualTo(2.0);
    }

    @Test
    void of_hundredRunTimes_percentilesByNearestRank() {
        List<TaskInfo> tasks = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            tasks.add(task(TaskStatus.COMPLETED, i * 2, i));
        }

        SchedulerStats s = SchedulerStats.of(tasks, Duration.ofSeconds(1));

        assertThat(s.runTimeP50()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.runTimeP99()).isEqualTo(Duration.ofMillis(99));
        assertThat(s.queueWaitP50()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.queueWaitP99()).isEqualTo(Duration.ofMillis(198));
    }

    @Test
    void percentile_singleValue_isThatValue() {
        assertThat(SchedulerStats.percentile(List.of(Duration.ofMillis(7)), 99)).isEqualTo(Duration.ofMillis(7));
        assertThat(SchedulerStats.percentile(List.of(), 50)).isEqualTo(Duration.ZERO);
    }

    @Test
    void empty_noTasks_zeroRates() {
        SchedulerStats s = SchedulerStats.empty();
        assertThat(s.successRate()).isZero();
        assertThat(s.throughput()).isZero();
        assertThat(SchedulerStats.of(List.of(), Duration.ZERO)).isEqualTo(s);
    }

    @Test
    void constructor_totalNotSum_rejected() {
        assertThatThrownBy(() -> new SchedulerStats(3, 1, 0, 1, 0, 0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
