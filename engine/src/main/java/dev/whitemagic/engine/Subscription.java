package dev.whitemagic.engine;

/**
 * A handle on a listener registration; closing it stops the notifications. Closing twice is
 * harmless.
 *
 * <pre>{@code
 * try (Subscription s = engine.metrics().subscribe(m -> show(m))) {
 *     ...
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Stops the notifications. Never throws. */
    @Override
    void close();
}
