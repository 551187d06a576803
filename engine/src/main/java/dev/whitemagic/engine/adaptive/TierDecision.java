package dev.whitemagic.engine.adaptive;

import java.time.Instant;

/**
 * One recommendation of the {@link AdaptiveThreadingController}: what it was asked, what the
 * machine looked like, what it chose and why.
 *
 * <pre>{@code
 * TierDecision d = controller.evaluate(80, 50);
 * System.out.println(d.tier() + ": " + d.reason());
 * // TIER_3: 80 tasks → TIER_3 (fewer than 100); complexity 50 keeps it
 * }</pre>
 *
 * @param time            when the decision was made
 * @param taskCount       the task count asked about
 * @param complexity      the task complexity asked about, 0–100
 * @param cpuPercent      system CPU use at the time, 0–100
 * @param memoryPercent   system memory use at the time, 0–100
 * @param cpuThreshold    the CPU threshold in force
 * @param memoryThreshold the memory threshold in force
 * @param previous        the controller's tier before the decision
 * @param tier            the recommended tier
 * @param underLoad       whether a threshold was exceeded (the tier then steps down)
 * @param reason          a sentence for people
 */
public record TierDecision(
        Instant time,
        int taskCount,
        int complexity,
        double cpuPercent,
        double memoryPercent,
        double cpuThreshold,
        double memoryThreshold,
        ThreadingTier previous,
        ThreadingTier tier,
        boolean underLoad,
        String reason) {

    /** The pool configuration the recommended tier implies. */
    public PoolConfig poolConfig() {
        return PoolConfig.forTier(tier);
    }
}
