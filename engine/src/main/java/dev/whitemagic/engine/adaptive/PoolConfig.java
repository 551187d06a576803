package dev.whitemagic.engine.adaptive;

/**
 * Worker counts for the kinds of work, derived from one tier's thread count {@code w}:
 * I/O {@code w}, CPU {@code max(4, w/4)}, API {@code max(8, w/2)}, database {@code max(4, w/8)}.
 *
 * <pre>{@code
 * PoolConfig config = PoolConfig.forTier(ThreadingTier.TIER_3);
 * config.ioWorkers();   // 64
 * config.cpuWorkers();  // 16
 * }</pre>
 *
 * @param tier       the tier the counts derive from
 * @param ioWorkers  concurrent I/O-bound tasks (files, sockets)
 * @param cpuWorkers concurrent CPU-bound tasks
 * @param apiWorkers concurrent calls to external services
 * @param dbWorkers  concurrent database operations
 */
public record PoolConfig(ThreadingTier tier, int ioWorkers, int cpuWorkers, int apiWorkers, int dbWorkers) {

    /** The pool configuration the seed derives from {@code tier}. */
    public static PoolConfig forTier(ThreadingTier tier) {
        int w = tier.threads();
        return new PoolConfig(tier, w, Math.max(4, w / 4), Math.max(8, w / 2), Math.max(4, w / 8));
    }
}
