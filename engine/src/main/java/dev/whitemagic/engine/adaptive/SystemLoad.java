package dev.whitemagic.engine.adaptive;

/**
 * The two figures the {@link AdaptiveThreadingController} decides on: system CPU use and
 * memory use, both in percent (0–100).
 *
 * <pre>{@code
 * SystemLoad load = new SystemLoad(35.0, 60.0);
 * }</pre>
 *
 * @param cpuPercent    system-wide CPU use, 0–100
 * @param memoryPercent physical memory in use, 0–100
 */
public record SystemLoad(double cpuPercent, double memoryPercent) {

    /** A machine with nothing running, for tests and for the time before the first sample. */
    public static final SystemLoad IDLE = new SystemLoad(0, 0);
}
