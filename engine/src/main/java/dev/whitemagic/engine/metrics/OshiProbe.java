package dev.whitemagic.engine.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.VirtualMemory;
import oshi.util.GlobalConfig;

/**
 * Reads the machine through OSHI. Not thread-safe: the sampler's one thread owns it. Devices
 * are enumerated once; each sample only refreshes their counters.
 */
final class OshiProbe {

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> nets;
    private final MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    private long[] systemTicks;
    private long[][] coreTicks;
    private long lastNanos;
    private long diskRead;
    private long diskWrite;
    private long netIn;
    private long netOut;

    /**
     * OSHI caches its readings for 300 ms by default; the sampler's first sample comes 250 ms after
     * the first reading, so it saw the same ticks twice and said "CPU 0 %" even under full load (a
     * one-shot {@code metrics} or {@code tier} always did). Readings are cached for at most this long.
     */
    static final long OSHI_CACHE_MS = 50;

    OshiProbe() {
        GlobalConfig.set(GlobalConfig.OSHI_UTIL_MEMOIZER_EXPIRATION, OSHI_CACHE_MS);
        HardwareAbstractionLayer hal = new SystemInfo().getHardware();
        cpu = hal.getProcessor();
        memory = hal.getMemory();
        disks = hal.getDiskStores();
        nets = hal.getNetworkIFs(false);
        systemTicks = cpu.getSystemCpuLoadTicks();
        coreTicks = cpu.getProcessorCpuLoadTicks();
        lastNanos = System.nanoTime();
        long[] io = diskCounters();
        diskRead = io[0];
        diskWrite = io[1];
        long[] net = netCounters();
        netIn = net[0];
        netOut = net[1];
    }

    SystemMetrics sample() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;

        double total = percent(cpu.getSystemCpuLoadBetweenTicks(systemTicks));
        systemTicks = cpu.getSystemCpuLoadTicks();
        double[] perCore = cpu.getProcessorCpuLoadBetweenTicks(coreTicks);
        coreTicks = cpu.getProcessorCpuLoadTicks();
        List<Double> cores = new ArrayList<>(perCore.length);
        for (double c : perCore) {
            cores.add(percent(c));
        }

        long memTotal = memory.getTotal();
        long memUsed = memTotal - memory.getAvailable();
        VirtualMemory swap = memory.getVirtualMemory();
        List<Double> load = new ArrayList<>(3);
        for (double l : cpu.getSystemLoadAverage(3)) {
            load.add(l);
        }

        long[] io = diskCounters();
        double readRate = rate(io[0], diskRead, seconds);
        double writeRate = rate(io[1], diskWrite, seconds);
        diskRead = io[0];
        diskWrite = io[1];
        long[] net = netCounters();
        double inRate = rate(net[0], netIn, seconds);
        double outRate = rate(net[1], netOut, seconds);
        netIn = net[0];
        netOut = net[1];

        MemoryUsage h = heap.getHeapMemoryUsage();
        long heapMax = h.getMax() > 0 ? h.getMax() : h.getCommitted();
        return new SystemMetrics(Instant.now(), total, cores, memTotal, memUsed, swap.getSwapTotal(),
                swap.getSwapUsed(), load, readRate, writeRate, inRate, outRate, h.getUsed(), heapMax,
                threads.getThreadCount());
    }

    private long[] diskCounters() {
        long read = 0;
        long write = 0;
        for (HWDiskStore disk : disks) {
            disk.updateAttributes();
            read += disk.getReadBytes();
            write += disk.getWriteBytes();
        }
        return new long[] {read, write};
    }

    private long[] netCounters() {
        long in = 0;
        long out = 0;
        for (NetworkIF net : nets) {
            net.updateAttributes();
            in += net.getBytesRecv();
            out += net.getBytesSent();
        }
        return new long[] {in, out};
    }

    /** A counter's rate; a counter that went backwards (device gone, wrapped) counts as zero. */
    private static double rate(long now, long before, double seconds) {
        return now >= before ? (now - before) / seconds : 0;
    }

    private static double percent(double fraction) {
        return Double.isFinite(fraction) ? Math.clamp(fraction * 100, 0, 100) : 0;
    }
}
