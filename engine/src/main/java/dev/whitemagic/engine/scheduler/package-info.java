/**
 * The engine's job queue: {@link dev.whitemagic.engine.scheduler.ParallelScheduler} runs
 * {@link dev.whitemagic.engine.scheduler.TaskSpec tasks} by
 * {@link dev.whitemagic.engine.scheduler.TaskPriority priority} (FIFO within a priority, with
 * aging), with dependencies, a concurrency limit that can change while running, timeouts,
 * retries and cancellation; {@link dev.whitemagic.engine.scheduler.TaskInfo} snapshots,
 * {@link dev.whitemagic.engine.scheduler.JobEvent} events and
 * {@link dev.whitemagic.engine.scheduler.SchedulerStats} statistics describe what happened.
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
