/**
 * Adaptive concurrency: the six {@link dev.whitemagic.engine.adaptive.ThreadingTier tiers}, the
 * {@link dev.whitemagic.engine.adaptive.AdaptiveThreadingController controller} that picks one
 * from the work and the machine's load, and the {@link dev.whitemagic.engine.adaptive.PoolConfig
 * pool sizes} a tier implies. Every choice is a {@link dev.whitemagic.engine.adaptive.TierDecision}
 * with its inputs and reason.
 *
 * <pre>{@code
 * TierDecision d = engine.adaptive().evaluate(80, 50);
 * d.tier();          // TIER_3
 * d.poolConfig();    // io 64, cpu 16, api 32, db 8
 * }</pre>
 */
package dev.whitemagic.engine.adaptive;
