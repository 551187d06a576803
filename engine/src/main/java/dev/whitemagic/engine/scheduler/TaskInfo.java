package dev.whitemagic.engine.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one task: what it is, where it is, and how it went. Immutable; ask the
 * scheduler again for a fresh one.
 *
 * <pre>{@code
 * TaskInfo t = scheduler.getTask(id).orElseThrow();
 * System.out.println(t.name() + " " + t.status() + " " + t.runTime().orElse(null));
 * }</pre>
 *
 * @param id            the scheduler's id, increasing in submission order
 * @param name          a name for people
 * @param kind          a kind for filtering ("read", "search", "pipeline" …)
 * @param priority      its priority now (as submitted unless changed while pending)
 * @param status        its state now
 * @param createdAt     when it was added
 * @param startedAt     when its latest attempt started; null until then
 * @param finishedAt    when it reached its final state; null until then
 * @param dependencies  ids of the tasks it waits for
 * @param resultSummary a short text of the result when completed, else null
 * @param error         why it failed or was cancelled, else null
 * @param attempts      attempts started so far
 * @param progressDone  progress the job reported, units done
 * @param progressTotal progress the job reported, units in all (0: not reported)
 * @param recipe        how its job can be made again after a restart, else null
 * @param rerunnable    whether {@link ParallelScheduler#rerun(long)} can run it again once it has
 *                      ended: its job is in memory, or it was read back from the job history with a
 *                      recipe of a registered type (for a "Run again" button)
 */
public record TaskInfo(long id, String name, String kind, TaskPriority priority, TaskStatus status,
        Instant createdAt, Instant startedAt, Instant finishedAt, List<Long> dependencies,
        String resultSummary, String error, int attempts, long progressDone, long progressTotal,
        JobRecipe recipe, boolean rerunnable) {

    /** Validates and copies the dependencies. */
    public TaskInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        dependencies = List.copyOf(dependencies);
    }

    /** A snapshot without a recipe, of a task whose job is in memory (rerunnable). */
    public TaskInfo(long id, String name, String kind, TaskPriority priority, TaskStatus status,
            Instant createdAt, Instant startedAt, Instant finishedAt, List<Long> dependencies,
            String resultSummary, String error, int attempts, long progressDone, long progressTotal) {
        this(id, name, kind, priority, status, createdAt, startedAt, finishedAt, dependencies, resultSummary,
                error, attempts, progressDone, progressTotal, null, true);
    }

    /** Time from being added to the start of its latest attempt (includes waiting on dependencies). */
    public Optional<Duration> queueWait() {
        return startedAt == null ? Optional.empty() : Optional.of(Duration.between(createdAt, startedAt));
    }

    /** Time its latest attempt ran, once it has finished after running. */
    public Optional<Duration> runTime() {
        return startedAt == null || finishedAt == null
                ? Optional.empty() : Optional.of(Duration.between(startedAt, finishedAt));
    }
}
