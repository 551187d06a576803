package dev.whitemagic.engine.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.Optional;

/**
 * Counts and times of a set of tasks: totals by state, the average execution time of the
 * completed ones, and queue wait and run time percentiles (nearest rank). Made by
 * {@link ParallelScheduler#run()} and {@link ParallelScheduler#stats()}, or with
 * {@link #of(Collection, Duration)}.
 *
 * <pre>{@code
 * SchedulerStats s = scheduler.run();
 * System.out.printf("%d done, %.0f %% ok, %.1f tasks/s, p99 wait %s%n",
 *         s.finished(), s.successRate() * 100, s.throughput(), s.queueWaitP99());
 * }</pre>
 *
 * @param total            tasks counted
 * @param pending          pending
 * @param running          running
 * @param completed        completed
 * @param failed           failed
 * @param cancelled        cancelled
 * @param interrupted      interrupted: read back from the job history, the process having ended
 *                         while they were pending or running
 * @param avgExecutionTime mean run time of the completed tasks only (zero if none)
 * @param elapsed          the wall time the numbers cover
 * @param queueWaitP50     median time from added to started, over the tasks that started
 * @param queueWaitP99     99th percentile of the same
 * @param runTimeP50       median run time, over the tasks that ran and finished
 * @param runTimeP99       99th percentile of the same
 */
public record SchedulerStats(long total, long pending, long running, long completed, long failed,
        long cancelled, long interrupted, Duration avgExecutionTime, Duration elapsed, Duration queueWaitP50,
        Duration queueWaitP99, Duration runTimeP50, Duration runTimeP99) {

    /** Validates. */
    public SchedulerStats {
        Objects.requireNonNull(avgExecutionTime, "avgExecutionTime");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(queueWaitP50, "queueWaitP50");
        Objects.requireNonNull(queueWaitP99, "queueWaitP99");
        Objects.requireNonNull(runTimeP50, "runTimeP50");
        Objects.requireNonNull(runTimeP99, "runTimeP99");
        if (total != pending + running + completed + failed + cancelled + interrupted) {
            throw new IllegalArgumentException("total " + total + " is not the sum of the states");
        }
    }

    /** Statistics without interrupted tasks. */
    public SchedulerStats(long total, long pending, long running, long completed, long failed,
            long cancelled, Duration avgExecutionTime, Duration elapsed, Duration queueWaitP50,
            Duration queueWaitP99, Duration runTimeP50, Duration runTimeP99) {
        this(total, pending, running, completed, failed, cancelled, 0, avgExecutionTime, elapsed,
                queueWaitP50, queueWaitP99, runTimeP50, runTimeP99);
    }

    /** No tasks. */
    public static SchedulerStats empty() {
        return new SchedulerStats(0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The statistics of {@code tasks} over {@code elapsed} wall time. */
    public static SchedulerStats of(Collection<TaskInfo> tasks, Duration elapsed) {
        long[] byStatus = new long[TaskStatus.values().length];
        long completedNanos = 0;
        for (TaskInfo t : tasks) {
            byStatus[t.status().ordinal()]++;
            if (t.status() == TaskStatus.COMPLETED) {
                completedNanos += t.runTime().orElse(Duration.ZERO).toNanos();
            }
        }
        long completed = byStatus[TaskStatus.COMPLETED.ordinal()];
        List<Duration> waits = sorted(tasks, TaskInfo::queueWait);
        List<Duration> runs = sorted(tasks, TaskInfo::runTime);
        return new SchedulerStats(tasks.size(), byStatus[TaskStatus.PENDING.ordinal()],
                byStatus[TaskStatus.RUNNING.ordinal()], completed, byStatus[TaskStatus.FAILED.ordinal()],
                byStatus[TaskStatus.CANCELLED.ordinal()], byStatus[TaskStatus.INTERRUPTED.ordinal()],
                completed == 0 ? Duration.ZERO : Duration.ofNanos(completedNanos / completed), elapsed,
                percentile(waits, 50), percentile(waits, 99), percentile(runs, 50), percentile(runs, 99));
    }

    private static List<Duration> sorted(Collection<TaskInfo> tasks, Function<TaskInfo, Optional<Duration>> f) {
        List<Duration> out = new ArrayList<>();
        for (TaskInfo t : tasks) {
            f.apply(t).ifPresent(out::add);
        }
        out.sort(null);
        return out;
    }

    /** The nearest-rank percentile {@code p} (0 to 100) of sorted values; zero when empty. */
    static Duration percentile(List<Duration> sortedValues, double p) {
        if (sortedValues.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedValues.size());
        return sortedValues.get(Math.clamp(rank - 1, 0, sortedValues.size() - 1));
    }

    /** Tasks in a final state. */
    public long finished() {
        return completed + failed + cancelled + interrupted;
    }

    /** Completed over finished, 0 to 1; 0 when nothing has finished. */
    public double successRate() {
        long f = finished();
        return f == 0 ? 0 : (double) completed / f;
    }

    /** Finished tasks per second of {@link #elapsed()}; 0 for no time. */
    public double throughput() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? finished() / s : 0;
    }
}
