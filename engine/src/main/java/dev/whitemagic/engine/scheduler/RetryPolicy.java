package dev.whitemagic.engine.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a failing task is tried and how long it waits between tries: the delay before
 * attempt {@code n + 1} is {@code delay × multiplier^(n - 1)}. A task waiting for its next
 * attempt is {@link TaskStatus#PENDING} and does not hold a slot. Cancelled tasks are never
 * retried.
 *
 * <pre>{@code
 * RetryPolicy p = RetryPolicy.of(3, Duration.ofMillis(200)).withMultiplier(2); // 200 ms, 400 ms
 * }</pre>
 *
 * @param maxAttempts attempts in all, at least 1
 * @param delay       the wait before the second attempt
 * @param multiplier  growth of the wait per attempt, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration delay, double multiplier) {
    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1);

    /** Validates. */
    public RetryPolicy {
        Objects.requireNonNull(delay, "delay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        if (!(multiplier >= 1)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** {@code maxAttempts} attempts with a fixed {@code delay} between them. */
    public static RetryPolicy of(int maxAttempts, Duration delay) {
        return new RetryPolicy(maxAttempts, delay, 1);
    }

    /** The same policy with exponential backoff. */
    public RetryPolicy withMultiplier(double factor) {
        return new RetryPolicy(maxAttempts, delay, factor);
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        double nanos = delay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofNanos((long) Math.min(nanos, Long.MAX_VALUE));
    }
}
