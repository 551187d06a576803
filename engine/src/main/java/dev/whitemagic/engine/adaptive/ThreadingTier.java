package dev.whitemagic.engine.adaptive;

import java.util.Locale;

/**
 * The six concurrency tiers of WhiteMagic, each twice the one below it: 8, 16, 32, 64, 128 and
 * 256 threads. The counts follow the I Ching (8 trigrams, 64 hexagrams), as in the original.
 *
 * <pre>{@code
 * ThreadingTier tier = ThreadingTier.fromComplexity(80);   // TIER_3
 * int threads = tier.threads();                            // 64
 * String label = tier.label();                             // "64 hexagrams — optimal"
 * }</pre>
 */
public enum ThreadingTier {
    TIER_0(8, "8 trigrams — minimal"),
    TIER_1(16, "16 — basic parallelism"),
    TIER_2(32, "32 — medium parallelism"),
    TIER_3(64, "64 hexagrams — optimal"),
    TIER_4(128, "128 — high parallelism"),
    TIER_5(256, "256 — maximum parallelism");

    private static final ThreadingTier[] TIERS = values();

    private final int threads;
    private final String label;

    ThreadingTier(int threads, String label) {
        this.threads = threads;
        this.label = label;
    }

    /** The number of threads (or concurrent tasks) this tier allows. */
    public int threads() {
        return threads;
    }

    /** The tier's I Ching label, for people. */
    public String label() {
        return label;
    }

    /** The tier's position, 0 for {@link #TIER_0} up to 5 for {@link #TIER_5}. */
    public int level() {
        return ordinal();
    }

    /**
     * The seed's {@code ThreadingTier.from_complexity}: the tier for a task count, inclusive
     * bounds: n ≤ 10 → TIER_0, ≤ 25 → TIER_1, ≤ 50 → TIER_2, ≤ 100 → TIER_3, ≤ 200 → TIER_4,
     * otherwise TIER_5. Negative counts are treated as zero.
     */
    public static ThreadingTier fromComplexity(int taskCount) {
        if (taskCount <= 10) {
            return TIER_0;
        } else if (taskCount <= 25) {
            return TIER_1;
        } else if (taskCount <= 50) {
            return TIER_2;
        } else if (taskCount <= 100) {
            return TIER_3;
        } else if (taskCount <= 200) {
            return TIER_4;
        }
        return TIER_5;
    }

    /** The tier at {@code level}, clamped to TIER_0..TIER_5. */
    public static ThreadingTier ofLevel(int level) {
        return TIERS[Math.clamp(level, 0, TIERS.length - 1)];
    }

    /** One tier down, or this tier if it is already the lowest. */
    public ThreadingTier stepDown() {
        return ofLevel(level() - 1);
    }

    /** One tier up, or this tier if it is already the highest. */
    public ThreadingTier stepUp() {
        return ofLevel(level() + 1);
    }

    /** Parses {@code TIER_3}, {@code 3} or {@code T3}, case-insensitively. */
    public static ThreadingTier parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("TIER_")) {
            t = t.substring(5);
        } else if (t.startsWith("T")) {
            t = t.substring(1);
        }
        try {
            int level = Integer.parseInt(t);
            if (level >= 0 && level < TIERS.length) {
                return TIERS[level];
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("unknown tier '" + text + "': use TIER_0 … TIER_5 (or 0 … 5)");
    }
}
