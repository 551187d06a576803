package dev.whitemagic.engine.scheduler;

/**
 * How urgent a task is. Lower runs first: every {@code CRITICAL} task that is ready starts
 * before any {@code HIGH} one, and so on; within one priority tasks start in the order they were
 * queued (FIFO). Waiting tasks age towards {@code CRITICAL}, so {@code BULK} work is never
 * starved for ever (see {@link ParallelScheduler.Builder#agingStep}).
 *
 * <pre>{@code
 * scheduler.addTask(TaskSpec.of("reindex", ctx -> reindex()).priority(TaskPriority.BULK).build());
 * }</pre>
 */
public enum TaskPriority {
    /** Runs before anything else. */
    CRITICAL,
    /** Work a person is waiting for. */
    HIGH,
    /** The default. */
    NORMAL,
    /** Background work. */
    LOW,
    /** Large background batches; runs when nothing else waits (or once it has aged). */
    BULK;

    /** The level, 0 ({@code CRITICAL}) to 4 ({@code BULK}); lower runs first. */
    public int level() {
        return ordinal();
    }
}
