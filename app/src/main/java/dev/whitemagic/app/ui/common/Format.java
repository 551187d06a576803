package dev.whitemagic.app.ui.common;

import dev.whitemagic.engine.adaptive.PoolConfig;
import java.util.Locale;

/** Numbers for people. */
public final class Format {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Format() {}

    /** "1 file", "2,008 files": a count with its noun, plural when it is not one. */
    public static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    public static String bytes(double bytes) {
        int unit = 0;
        double value = Math.max(0, bytes);
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0
                ? String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit])
                : String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    public static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    public static String percent(double percent) {
        return String.format(Locale.ROOT, "%.0f %%", percent);
    }

    /** "I/O 64 at once · CPU 2 (one per core)". */
    public static String pools(PoolConfig pool) {
        // Only what the engine uses: I/O work runs at the tier's concurrency, CPU work one thread per core.
        int cores = Runtime.getRuntime().availableProcessors();
        return "I/O " + pool.ioWorkers() + " at once · CPU " + cores + " (one per core)";
    }

    public static String load(double load) {
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }
}
