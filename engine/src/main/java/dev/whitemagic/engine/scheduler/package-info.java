/**
 * The engine's job queue: {@link dev.whitemagic.engine.scheduler.ParallelScheduler} runs
 * {@link dev.whitemagic.engine.scheduler.TaskSpec tasks} by
 * {@link dev.whitemagic.engine.scheduler.TaskPriority priority} (FIFO within a priority, with
 * aging), with dependencies, a concurrency limit that can change while running, timeouts,
 * retries and cancellation; {@link dev.whitemagic.engine.scheduler.TaskInfo} snapshots,
 * {@link dev.whitemagic.engine.scheduler.JobEvent} events and
 * {@link dev.whitemagic.engine.scheduler.SchedulerStats} statistics describe what happened.
 * {@link dev.whitemagic.engine.scheduler.JobHistory} keeps the queue in a JSON Lines file so it
 * survives a restart (jobs cut off by the restart end
 * {@link dev.whitemagic.engine.scheduler.TaskStatus#INTERRUPTED}); a task with a
 * {@link dev.whitemagic.engine.scheduler.JobRecipe} can be run again after one.
 *
 * <pre>{@code
 * try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(4).build()) {
 *     s.start();
 *     long id = s.addTask(TaskSpec.of("count", ctx -> { ctx.progress(1, 1); return 42; }).build());
 *     TaskInfo done = s.completion(id).join();   // COMPLETED, resultSummary "42"
 * }
 * }</pre>
 */
package dev.whitemagic.engine.scheduler;
