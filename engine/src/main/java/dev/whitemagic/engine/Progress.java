package dev.whitemagic.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * How far a long operation has come: items and bytes done, the rates so far and the time left.
 *
 * <pre>{@code
 * Progress p = handle.progress();
 * System.out.printf("%d/%d files, %.0f files/s, ETA %s%n",
 *         p.itemsDone(), p.itemsTotal(), p.itemsPerSecond(), p.eta().orElse(null));
 * }</pre>
 *
 * @param itemsDone  items finished, successfully or not
 * @param itemsTotal items in the operation
 * @param failed     items that finished with an error
 * @param bytesDone  bytes processed by the finished items
 * @param elapsed    time since the operation started
 */
public record Progress(long itemsDone, long itemsTotal, long failed, long bytesDone, Duration elapsed) {

    /** Nothing done yet. */
    public static Progress none(long itemsTotal) {
        return new Progress(0, itemsTotal, 0, 0, Duration.ZERO);
    }

    /** Items per second so far; 0 before the first. */
    public double itemsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? itemsDone / s : 0;
    }

    /** Bytes per second so far; 0 before the first. */
    public double bytesPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? bytesDone / s : 0;
    }

    /** Done as a fraction, 0 to 1 (1 for an empty operation). */
    public double fraction() {
        return itemsTotal > 0 ? Math.min(1.0, (double) itemsDone / itemsTotal) : 1.0;
    }

    /** The time left at the rate so far; empty until there is a rate. */
    public Optional<Duration> eta() {
        double rate = itemsPerSecond();
        if (rate <= 0 || itemsDone >= itemsTotal) {
            return itemsDone >= itemsTotal ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((itemsTotal - itemsDone) / rate * 1000)));
    }
}
