package dev.whitemagic.engine.scheduler;

import java.util.concurrent.CancellationException;

/**
 * What a running job knows about itself: its task, its attempt, whether it should stop, and a
 * way to report progress (published as {@link JobEvent.Progressed} events).
 *
 * <pre>{@code
 * Job<Void> job = ctx -> {
 *     BatchHandle<FileResult> read = reader.start(paths);
 *     ctx.onCancel(read::cancel);                 // stop the sub-work too
 *     for (int i = 0; i < 100; i++) {
 *         ctx.checkCancelled();
 *         step(i);
 *         ctx.progress(i + 1, 100);
 *     }
 *     return null;
 * };
 * }</pre>
 */
public interface JobContext {

    /** The id of the task this job runs for. */
    long taskId();

    /** The attempt, 1 for the first run. */
    int attempt();

    /** Reports progress: {@code done} of {@code total} units. */
    void progress(long done, long total);

    /**
     * Runs {@code hook} when this attempt is cancelled or times out, besides the interrupt of the
     * job's thread: the way to stop sub-work on other threads, e.g. {@code ctx.onCancel(handle::cancel)}
     * for a {@link dev.whitemagic.engine.BatchHandle}. Runs at once if that already happened.
     * Hooks run once, outside the scheduler's lock, on the thread that cancelled (the timer
     * thread for a timeout), so possibly after the task has ended; their exceptions are ignored.
     */
    void onCancel(Runnable hook);

    /** Whether the task was cancelled or timed out; the job should stop soon. */
    boolean isCancelled();

    /**
     * Throws when {@link #isCancelled()}.
     *
     * @throws CancellationException when the job should stop
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("task " + taskId() + " was cancelled");
        }
    }
}
