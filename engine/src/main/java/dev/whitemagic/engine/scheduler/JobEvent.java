package dev.whitemagic.engine.scheduler;

import java.time.Duration;

/**
 * What happens to jobs, for listeners such as the Scheduler pane. Events are delivered one at a
 * time, in the order the scheduler made the changes, on one of the scheduler's or the caller's
 * threads; a listener must be quick and must not block (a UI batches them onto its own thread).
 *
 * <pre>{@code
 * Subscription s = scheduler.subscribe(e -> {
 *     switch (e) {
 *         case JobEvent.Submitted x -> table.add(x.task());
 *         case JobEvent.Started x -> table.update(x.task());
 *         case JobEvent.Progressed x -> table.progress(x.taskId(), x.done(), x.total());
 *         case JobEvent.Retrying x -> table.update(x.task());
 *         case JobEvent.Finished x -> table.update(x.task());
 *     }
 * });
 * }</pre>
 */
public sealed interface JobEvent {

    /** The task the event is about. */
    long taskId();

    /**
     * A task was added.
     *
     * @param task the task as added
     */
    record Submitted(TaskInfo task) implements JobEvent {
        @Override
        public long taskId() {
            return task.id();
        }
    }

    /**
     * An attempt started.
     *
     * @param task the task, now running
     */
    record Started(TaskInfo task) implements JobEvent {
        @Override
        public long taskId() {
            return task.id();
        }
    }

    /**
     * The job reported progress.
     *
     * @param taskId the task
     * @param done   units done
     * @param total  units in all
     */
    record Progressed(long taskId, long done, long total) implements JobEvent {
    }

    /**
     * An attempt failed and another will follow after {@code delay}.
     *
     * @param task  the task, pending again, with the error of the failed attempt
     * @param delay the wait before the next attempt
     */
    record Retrying(TaskInfo task, Duration delay) implements JobEvent {
        @Override
        public long taskId() {
            return task.id();
        }
    }

    /**
     * The task reached its final state; exactly one per task.
     *
     * @param task the task in its final state
     */
    record Finished(TaskInfo task) implements JobEvent {
        @Override
        public long taskId() {
            return task.id();
        }
    }
}
