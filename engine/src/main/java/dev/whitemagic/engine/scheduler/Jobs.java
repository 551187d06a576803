package dev.whitemagic.engine.scheduler;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the engine's own work as jobs of one {@link ParallelScheduler}, so that everything a pane
 * or a command starts shows in the job queue, waits its turn, reports progress and can be
 * cancelled from there. Two shapes:
 * <ul>
 * <li>{@link #batch}: a batch (a file read, a grep) started when the job's turn comes; the caller
 * gets a {@link BatchHandle} at once, which shows no progress until then;</li>
 * <li>{@link #call}: blocking work (a search, an import) whose result arrives as a future.</li>
 * </ul>
 *
 * <pre>{@code
 * Jobs jobs = engine.jobs();
 * BatchHandle<FileResult> read = jobs.batch("read 2,000 files", "read", TaskPriority.NORMAL,
 *         paths.size(), () -> engine.files().start(paths), list -> list.size() + " files");
 * JobHandle<List<SearchHit>> search = jobs.call("search: lucene", "search", TaskPriority.HIGH,
 *         ctx -> store.search("lucene"), hits -> hits.size() + " hits");
 * }</pre>
 */
public final class Jobs {
    private static final long POLL_MILLIS = 100;

    private final ParallelScheduler scheduler;

    /** Jobs submitted to {@code scheduler} (which must be started to run them). */
    public Jobs(ParallelScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The scheduler the jobs go to. */
    public ParallelScheduler scheduler() {
        return scheduler;
    }

    /**
     * A submitted job and its result.
     *
     * @param taskId the scheduler's id of the job
     * @param result completes with the job's value; exceptionally with the job's exception, or a
     *               {@link CancellationException} carrying the reason when it was cancelled
     * @param <T>    the value
     */
    public record JobHandle<T>(long taskId, CompletableFuture<T> result, ParallelScheduler scheduler) {

        /** Cancels the job: it is taken from the queue, or interrupted when running. */
        public boolean cancel() {
            return scheduler.cancelTask(taskId);
        }

        /**
         * Waits for the value.
         *
         * @throws CancellationException when the job was cancelled
         * @throws Exception             what the job threw
         */
        public T join() throws Exception {
            try {
                return result.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            } catch (CancellationException e) {
                // the future's get() wraps the reason in a bare "get" exception: give the reason
                throw e.getCause() instanceof CancellationException reason ? reason : e;
            }
        }
    }

    /**
     * Submits blocking work as a job.
     *
     * @param name     a name for people ("search: lucene, index")
     * @param kind     the kind, for filters and to find the pane it came from ("search")
     * @param work     the work; it should stop when interrupted or when {@link JobContext#isCancelled()}
     * @param summary  the one-line result summary shown in the queue (null: none)
     */
    public <T> JobHandle<T> call(String name, String kind, TaskPriority priority, Job<T> work,
            Function<? super T, String> summary) {
        return call(name, kind, priority, work, summary, null);
    }

    /**
     * As {@link #call(String, String, TaskPriority, Job, Function)}, with the recipe that makes the
     * same work again after a restart (see {@link JobRecipe}; null for none).
     */
    public <T> JobHandle<T> call(String name, String kind, TaskPriority priority, Job<T> work,
            Function<? super T, String> summary, JobRecipe recipe) {
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> result = new CompletableFuture<>();
        long id = scheduler.addTask(TaskSpec.<String>of(name, ctx -> {
            T value;
            try {
                value = work.run(ctx);
            } catch (Throwable t) {
                if (!ctx.isCancelled()) {
                    result.completeExceptionally(t);
                }
                throw t;
            }
            result.complete(value);
            return summary == null ? null : summary.apply(value);
        }).kind(kind).priority(priority).recipe(recipe).build());
        settleWhenEnded(id, result);
        return new JobHandle<>(id, result, scheduler);
    }

    /**
     * Submits a batch as a job: {@code start} runs when the job's turn comes, the job reports
     * the batch's progress and ends when the batch does; cancelling the returned handle (or the
     * job in the queue) cancels the batch.
     *
     * @param itemsTotal the items, for the progress shown before the batch starts
     * @param start      starts the batch (on the job's thread)
     * @param summary    the result summary from the finished items
     */
    public <T> BatchHandle<T> batch(String name, String kind, TaskPriority priority, long itemsTotal,
            Supplier<BatchHandle<T>> start, Function<List<T>, String> summary) {
        return batch(name, kind, priority, itemsTotal, start, summary, null);
    }

    /**
     * As {@link #batch(String, String, TaskPriority, long, Supplier, Function)}, with the recipe that
     * makes the same work again after a restart (null for none). Run again from the queue, the
     * batch starts afresh; only the first run feeds the returned handle.
     */
    public <T> BatchHandle<T> batch(String name, String kind, TaskPriority priority, long itemsTotal,
            Supplier<BatchHandle<T>> start, Function<List<T>, String> summary, JobRecipe recipe) {
        Objects.requireNonNull(start, "start");
        QueuedBatch<T> handle = new QueuedBatch<>(name, itemsTotal, scheduler);
        AtomicBoolean first = new AtomicBoolean(true);
        handle.taskId = scheduler.addTask(TaskSpec.<String>of(name, ctx -> {
            QueuedBatch<T> h = first.getAndSet(false) ? handle : new QueuedBatch<>(name, itemsTotal, scheduler);
            return h.run(ctx, start, summary);
        }).kind(kind).priority(priority).recipe(recipe).build());
        scheduler.completion(handle.taskId).thenAccept(info -> handle.ended(info));
        return handle;
    }

    /** When the task ends without the job having settled the future (cancelled while pending). */
    private void settleWhenEnded(long id, CompletableFuture<?> result) {
        scheduler.completion(id).thenAccept(info -> {
            if (!result.isDone()) {
                String why = info.error() != null ? info.error() : info.status().name().toLowerCase();
                result.completeExceptionally(info.status() == TaskStatus.FAILED
                        ? new CompletionException(why, null) : new CancellationException(why));
            }
        });
    }

    /** A batch handle whose batch starts when its job runs. */
    private static final class QueuedBatch<T> implements BatchHandle<T> {
        private final String name;
        private final long itemsTotal;
        private final ParallelScheduler scheduler;
        private final CompletableFuture<List<T>> result = new CompletableFuture<>();
        private volatile BatchHandle<T> inner;
        private volatile boolean cancelled;
        volatile long taskId;

        QueuedBatch(String name, long itemsTotal, ParallelScheduler scheduler) {
            this.name = name;
            this.itemsTotal = itemsTotal;
            this.scheduler = scheduler;
        }

        String run(JobContext ctx, Supplier<BatchHandle<T>> start, Function<List<T>, String> summary)
                throws InterruptedException {
            if (cancelled) {
                return null;
            }
            BatchHandle<T> batch = start.get();
            inner = batch;
            ctx.onCancel(() -> {
                cancelled = true;
                batch.cancel();
            });
            if (cancelled) {
                batch.cancel();
            }
            CompletableFuture<List<T>> whole = batch.result();
            while (true) {
                Progress p = batch.progress();
                ctx.progress(p.itemsDone(), p.itemsTotal());
                try {
                    List<T> items = whole.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    Progress last = batch.progress();
                    ctx.progress(last.itemsDone(), last.itemsTotal());
                    result.complete(items);
                    return summary == null ? null : summary.apply(items);
                } catch (TimeoutException e) {
                    // report progress again
                } catch (InterruptedException e) {
                    // cancelled from the queue: the hook has cancelled the batch; its items still count
                    batch.cancel();
                    whole.whenComplete((items, error) -> result.complete(items == null ? List.of() : items));
                    throw e;
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause());
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        }

        void ended(TaskInfo info) {
            BatchHandle<T> batch = inner;
            if (info.status() == TaskStatus.CANCELLED) {
                cancelled = true;
            }
            if (batch == null && info.status() == TaskStatus.FAILED) {
                result.completeExceptionally(new IllegalStateException(info.error()));
            } else if (batch == null) {
                // never started: cancelled (or its scheduler closed) while waiting
                result.complete(List.of());
            } else if (!result.isDone()) {
                batch.result().whenComplete((items, error) -> result.complete(items == null ? List.of() : items));
            }
        }

        @Override
        public String name() {
            BatchHandle<T> batch = inner;
            return batch != null ? batch.name() : name;
        }

        @Override
        public Progress progress() {
            BatchHandle<T> batch = inner;
            return batch != null ? batch.progress() : Progress.none(itemsTotal);
        }

        @Override
        public Optional<String> waitingFor() {
            if (inner != null || result.isDone()) {
                return Optional.empty();
            }
            return Optional.of(scheduler.isPaused() ? "the job queue is paused"
                    : "waiting for a free slot in the job queue");
        }

        @Override
        public List<T> completedSince(int from) {
            BatchHandle<T> batch = inner;
            return batch != null ? batch.completedSince(from) : List.of();
        }

        @Override
        public void cancel() {
            cancelled = true;
            BatchHandle<T> batch = inner;
            if (batch != null) {
                batch.cancel();
            }
            scheduler.cancelTask(taskId);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public CompletableFuture<List<T>> result() {
            return result;
        }
    }
}
