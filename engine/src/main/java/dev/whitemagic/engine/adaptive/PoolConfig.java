package dev.whitemagic.engine.adaptive;

/**
 * Worker counts for the kinds of work, derived from one tier's thread count {@code w}:
 * I/O {@code w}, CPU {@code max(4, w/4)}, API {@code max(8, w/2)}, database {@code max(4, w/8)}.
 * The engine uses the I/O figure: it is the concurrency limit of batch reads and of the job
 * queue. CPU work runs on one thread per core whatever the tier (more threads than cores only
 * switch between them), so the engine shows that instead of the CPU figure; the CPU, API and
 * database figures are the seed's, for callers that size pools of their own with them.
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

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException when a count is below 1 or the tier is missing
     */
    public PoolConfig {
        if (tier == null) {
            throw new IllegalArgumentException("a pool configuration needs its tier");
        }
        check(ioWorkers, "I/O");
        check(cpuWorkers, "CPU");
        check(apiWorkers, "API");
        check(dbWorkers, "database");
    }

    private static void check(int workers, String kind) {
        if (workers < 1) {
            throw new IllegalArgumentException(kind + " workers must be at least 1, got " + workers);
        }
    }

    /** The pool configuration the seed derives from {@code tier}. */
    public static PoolConfig forTier(ThreadingTier tier) {
        int w = tier.threads();
        return new PoolConfig(tier, w, Math.max(4, w / 4), Math.max(8, w / 2), Math.max(4, w / 8));
    }
}
