package dev.whitemagic.engine.scheduler;

/**
 * The work of one task. It receives a {@link JobContext} to report progress and to check for
 * cancellation; a cancelled or timed-out job is also interrupted.
 *
 * <pre>{@code
 * Job<Integer> job = ctx -> {
 *     for (int i = 0; i < files.size(); i++) {
 *         ctx.checkCancelled();
 *         read(files.get(i));
 *         ctx.progress(i + 1, files.size());
 *     }
 *     return files.size();
 * };
 * }</pre>
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface Job<T> {

    /**
     * Does the work.
     *
     * @param context progress and cancellation of this run
     * @return the result, kept by the scheduler
     * @throws Exception any failure; the task fails (or is retried) with its message
     */
    T run(JobContext context) throws Exception;
}
