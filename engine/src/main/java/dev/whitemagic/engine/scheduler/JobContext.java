package dev.whitemagic.engine.scheduler;

import java.util.concurrent.CancellationException;

/**
 * What a running job knows about itself: its task, its attempt, whether it should stop, and a
 * way to report progress (published as {@link JobEvent.Progressed} events).
 *
 * <pre>{@code
 * Job<Void> job = ctx -> {
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
