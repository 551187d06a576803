package dev.whitemagic.engine.metrics;

import dev.whitemagic.engine.adaptive.SystemLoad;
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
