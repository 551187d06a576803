package dev.whitemagic.engine.scheduler;

/**
 * Where a task is in its life. A task starts {@code PENDING} (waiting for its dependencies, its
 * turn or a retry), is {@code RUNNING} while its job runs, and ends in exactly one of the final
 * states. {@code INTERRUPTED} is only ever read back from the job history: the process ended while
 * the task was pending or running.
 *
 * <pre>{@code
 * if (scheduler.getTask(id).orElseThrow().status().isFinal()) { ... }
 * }</pre>
 */
public enum TaskStatus {
    /** Waiting: for dependencies, for a free slot, or for the next attempt. */
    PENDING,
    /** Its job is running now. */
    RUNNING,
    /** The job returned a result. */
    COMPLETED,
    /** The job threw (or timed out) on its last attempt. */
    FAILED,
    /** Cancelled by a person, by a failed or cancelled dependency, or by closing the scheduler. */
    CANCELLED,
    /** The process ended while it was pending or running (found so in the job history on restart). */
    INTERRUPTED;

    /** Whether this is one of the final states: completed, failed, cancelled or interrupted. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }
}
