package dev.whitemagic.engine.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** The scheduler's mutable record of one task; guarded by the scheduler's lock unless volatile. */
final class TaskEntry {
    final long id;
    final TaskSpec<?> spec;
    final Instant createdAt;
    /** Tasks waiting for this one; an immutable empty list until the first (most tasks have none). */
    List<TaskEntry> dependents = List.of();
    /**
     * Completed when the task ends only if something depends on it by then (a copy handed out by
     * {@code completion(id)}); otherwise {@code completion(id)} completes it when first asked.
     * Attach to it under the scheduler's lock, or through {@code completion(id)}.
     */
    final CompletableFuture<TaskInfo> done = new CompletableFuture<>();
    /** The running attempt's cancel hooks; an immutable empty list until the first. */
    List<Runnable> cancelHooks = List.of();

    TaskStatus status = TaskStatus.PENDING;
    TaskPriority priority;
    int waitingOn;
    int attempts;
    Instant startedAt;
    Instant finishedAt;
    Instant queuedAt;
    long queueSeq;
    boolean queued;
    Thread thread;
    Future<?> timer;
    Object result;
    String resultSummary;
    String error;

    volatile boolean cancelRequested;
    volatile boolean timedOut;
    volatile long progressDone;
    volatile long progressTotal;

    TaskEntry(long id, TaskSpec<?> spec, Instant createdAt) {
        this.id = id;
        this.spec = spec;
        this.createdAt = createdAt;
        this.priority = spec.priority();
    }

    void addDependent(TaskEntry d) {
        if (dependents.isEmpty()) {
            dependents = new ArrayList<>(2);
        }
        dependents.add(d);
    }

    void addCancelHook(Runnable hook) {
        if (cancelHooks.isEmpty()) {
            cancelHooks = new ArrayList<>(2);
        }
        cancelHooks.add(hook);
    }

    TaskInfo info() {
        return new TaskInfo(id, spec.name(), spec.kind(), priority, status, createdAt, startedAt,
                finishedAt, spec.dependencies(), resultSummary, error, attempts, progressDone, progressTotal,
                spec.recipe(), !(spec.job() instanceof RecipeJob<?> r) || r.known());
    }
}
