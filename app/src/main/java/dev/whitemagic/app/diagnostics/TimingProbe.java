package dev.whitemagic.app.diagnostics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * With {@code WHITEMAGIC_TIMING=1}, reports to stderr how long the window took to show its first
 * frame (from the launcher's start when it passed {@code -Dwhitemagic.launchMillis}, else from
 * the JVM's), and after {@code WHITEMAGIC_TIMING} seconds (when above 1) the resident memory and
 * the FX thread's share of one CPU over that time. The figures in the README come from here.
 */
public final class TimingProbe {

    private TimingProbe() {}

    public static boolean enabled() {
        String v = System.getenv("WHITEMAGIC_TIMING");
        return v != null && !v.isBlank() && !v.equals("0");
    }

    /** Call once, on the FX thread, when the first frame has been rendered. */
    public static void firstFrame() {
        if (!enabled()) {
            return;
        }
        long now = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long launch = Long.getLong("whitemagic.launchMillis", jvmStart);
        System.err.printf(Locale.ROOT, "timing: first frame %d ms after launch (%d ms after JVM start)%n",
                now - launch, now - jvmStart);
        int seconds;
        try {
            seconds = Integer.parseInt(System.getenv("WHITEMAGIC_TIMING").strip());
        } catch (NumberFormatException e) {
            return;
        }
        if (seconds <= 1) {
            return;
        }
        Thread fx = Thread.currentThread();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long fxCpuStart = threads.getThreadCpuTime(fx.threadId());
        long wallStart = System.nanoTime();
        Thread.ofPlatform().daemon().name("whitemagic-timing").start(() -> {
            try {
                Thread.sleep(seconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            double fxCpu = (threads.getThreadCpuTime(fx.threadId()) - fxCpuStart) / 1e9;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            System.err.printf(Locale.ROOT, "timing: after %.0f s: resident memory %s, heap used %d MiB, "
                            + "FX thread CPU %.2f s = %.2f %% of one core%n",
                    wall, rss(), (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                    fxCpu, 100 * fxCpu / wall);
        });
    }

    private static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return (kb >> 10) + " MiB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        return "n/a";
    }
}
