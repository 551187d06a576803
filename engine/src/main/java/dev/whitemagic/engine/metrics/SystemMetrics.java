package dev.whitemagic.engine.metrics;

import dev.whitemagic.engine.adaptive.SystemLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One sample of the machine and of this JVM, as the {@link MetricsSampler} took it. Rates
 * (CPU, disk, network) are averages over the interval since the previous sample.
 *
 * <pre>{@code
 * SystemMetrics m = engine.metrics().latest();
 * System.out.printf("CPU %.0f %%, memory %.0f %%%n", m.cpuPercent(), m.memoryPercent());
 * }</pre>
 *
 * @param time               when the sample was taken
 * @param cpuPercent         system-wide CPU use, 0–100
 * @param corePercent        CPU use of each logical processor, 0–100
 * @param memoryTotal        physical memory, bytes
 * @param memoryUsed         physical memory in use (total less available), bytes
 * @param swapTotal          swap space, bytes
 * @param swapUsed           swap in use, bytes
 * @param loadAverage        1, 5 and 15 minute load averages; negative where the OS has none
 * @param diskReadPerSec     bytes read from all disks per second
 * @param diskWritePerSec    bytes written to all disks per second
 * @param netReceivedPerSec  bytes received on all network interfaces per second
 * @param netSentPerSec      bytes sent on all network interfaces per second
 * @param heapUsed           JVM heap in use, bytes
 * @param heapMax            JVM heap limit, bytes
 * @param jvmThreads         live threads in this JVM (platform threads)
 */
public record SystemMetrics(
        Instant time,
        double cpuPercent,
        List<Double> corePercent,
        long memoryTotal,
        long memoryUsed,
        long swapTotal,
        long swapUsed,
        List<Double> loadAverage,
        double diskReadPerSec,
        double diskWritePerSec,
        double netReceivedPerSec,
        double netSentPerSec,
        long heapUsed,
        long heapMax,
        int jvmThreads) {

    public SystemMetrics {
        corePercent = List.copyOf(corePercent);
        loadAverage = List.copyOf(loadAverage);
    }

    /** How long {@link #current()} watches the machine for its CPU figures. */
    public static final Duration CURRENT_WINDOW = Duration.ofMillis(200);

    /**
     * The seed's {@code SystemMetrics.current()}: one snapshot of the machine now. CPU use needs two
     * readings, so it takes {@link #CURRENT_WINDOW}; rates (disk, network) are over that window. A
     * long-lived process keeps a {@link MetricsSampler} instead.
     *
     * <pre>{@code
     * SystemMetrics now = SystemMetrics.current();
     * System.out.printf("CPU %.0f %%, memory %.0f %%%n", now.cpuPercent(), now.memoryPercent());
     * }</pre>
     *
     * @throws IllegalStateException when the machine cannot be read (OSHI unavailable)
     */
    public static SystemMetrics current() {
        OshiProbe probe;
        try {
            probe = new OshiProbe();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("system metrics are unavailable: " + e, e);
        }
        try {
            Thread.sleep(CURRENT_WINDOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return probe.sample();
    }

    /** Physical memory in use, percent (0–100). */
    public double memoryPercent() {
        return percent(memoryUsed, memoryTotal);
    }

    /** Swap in use, percent (0–100); 0 when there is no swap. */
    public double swapPercent() {
        return percent(swapUsed, swapTotal);
    }

    /** JVM heap in use, percent of its limit. */
    public double heapPercent() {
        return percent(heapUsed, heapMax);
    }

    /** The number of logical processors sampled. */
    public int cores() {
        return corePercent.size();
    }

    /** The figures the adaptive controller decides on. */
    public SystemLoad load() {
        return new SystemLoad(cpuPercent, memoryPercent());
    }

    private static double percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.clamp(100.0 * part / whole, 0, 100);
    }
}
