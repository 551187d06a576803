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
    final List<TaskEntry> dependents = new ArrayList<>();
    final CompletableFuture<TaskInfo> done = new CompletableFuture<>();
    final List<Runnable> cancelHooks = new ArrayList<>();

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

    TaskInfo info() {
        return new TaskInfo(id, spec.name(), spec.kind(), priority, status, createdAt, startedAt,
                finishedAt, spec.dependencies(), resultSummary, error, attempts, progressDone, progressTotal,
                spec.recipe(), !(spec.job() instanceof RecipeJob<?> r) || r.known());
    }
}
