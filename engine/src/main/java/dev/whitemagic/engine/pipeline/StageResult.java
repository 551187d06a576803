package dev.whitemagic.engine.pipeline;

import java.time.Duration;

/**
 * How one stage did over a whole run (the seed's stage result).
 *
 * @param name     the stage
 * @param workers  its workers
 * @param input    items it took in
 * @param output   items it emitted
 * @param errors   items that failed (after retries)
 * @param duration from its first input to its end
 */
public record StageResult(String name, int workers, long input, long output, long errors, Duration duration) {

    /** Share of its inputs handled without error; 1 when it had none. */
    public double successRate() {
        return input == 0 ? 1.0 : (double) (input - errors) / input;
    }

    /** Inputs handled per second of its duration. */
    public double itemsPerSecond() {
        double s = duration.toNanos() / 1e9;
        return s <= 0 ? 0 : input / s;
    }
}
