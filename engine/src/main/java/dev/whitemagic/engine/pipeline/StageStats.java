package dev.whitemagic.engine.pipeline;

/**
 * One stage, live, while a pipeline runs (and at its end).
 *
 * @param name           the stage
 * @param workers        its workers
 * @param input          items taken in so far
 * @param output         items emitted so far
 * @param errors         items failed so far
 * @param busy           workers handling an item now
 * @param queued         items waiting in its input queue
 * @param capacity       the input queue's capacity
 * @param itemsPerSecond inputs handled per second over the last interval
 * @param latencyP50Millis median time to handle one item, over recent items
 * @param finished       whether the stage has ended
 */
public record StageStats(String name, int workers, long input, long output, long errors, int busy, int queued,
        int capacity, double itemsPerSecond, double latencyP50Millis, boolean finished) {

    /** How full its input queue is, 0 to 1. */
    public double queueFill() {
        return capacity == 0 ? 0 : Math.min(1.0, (double) queued / capacity);
    }
}
