package dev.whitemagic.engine.adaptive;

import dev.whitemagic.engine.Subscription;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Chooses how many threads the engine's work gets, from the work's size and the machine's load.
 *
 * <p>The rules are the seed's: when CPU use is over the CPU threshold (default 80 %) or memory
 * use over the memory threshold (default 85 %), the recommendation is one tier below the
 * current one. Otherwise the task count picks the tier (fewer than 10, 25, 50, 100, 200 tasks →
 * TIER_0 … TIER_4, else TIER_5), then a complexity over 75 steps one tier down and a complexity
 * under 25 one tier up, clamped to TIER_0..TIER_5.
 *
 * <p>{@link #recommendTier} makes the recommendation the current tier and tells every
 * listener; {@link #evaluate} only answers "what if". Thread-safe.
 *
 * <pre>{@code
 * AdaptiveThreadingController controller = engine.adaptive();
 * ThreadingTier tier = controller.recommendTier(100, 75);
 * PoolConfig pools = controller.getPoolConfig();
 * try (var sub = controller.onDecision(d -> log.info(d.reason()))) { ... }
 * }</pre>
 */
public final class AdaptiveThreadingController {

    /** Default CPU threshold, percent. */
    public static final double DEFAULT_CPU_THRESHOLD = 80.0;
    /** Default memory threshold, percent. */
    public static final double DEFAULT_MEMORY_THRESHOLD = 85.0;
    /** How many past decisions {@link #history()} keeps. */
    public static final int HISTORY_SIZE = 1_000;

    private final Supplier<SystemLoad> load;
    private final Clock clock;
    private final List<Consumer<? super TierDecision>> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<TierDecision> history = new ArrayDeque<>();

    private volatile double cpuThreshold = DEFAULT_CPU_THRESHOLD;
    private volatile double memoryThreshold = DEFAULT_MEMORY_THRESHOLD;
    private volatile ThreadingTier currentTier = ThreadingTier.TIER_3;

    /**
     * A controller that reads the machine's load from {@code load} at each decision.
     *
     * @param load supplies the current CPU and memory use; must answer at once
     */
    public AdaptiveThreadingController(Supplier<SystemLoad> load) {
        this(load, Clock.systemUTC());
    }

    AdaptiveThreadingController(Supplier<SystemLoad> load, Clock clock) {
        this.load = Objects.requireNonNull(load, "load");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Recommends a tier for {@code taskCount} tasks of the given complexity, makes it the current
     * tier and publishes the decision to every listener.
     *
     * @param taskCount  how many tasks, ≥ 0
     * @param complexity how heavy each task is, 0 (trivial) to 100 (heavy)
     * @return the recommended tier
     * @throws IllegalArgumentException if an argument is out of range
     */
    public ThreadingTier recommendTier(int taskCount, int complexity) {
        TierDecision decision;
        synchronized (this) {
            decision = evaluate(taskCount, complexity);
            currentTier = decision.tier();
            history.addLast(decision);
            if (history.size() > HISTORY_SIZE) {
                history.removeFirst();
            }
        }
        for (Consumer<? super TierDecision> listener : listeners) {
            try {
                listener.accept(decision);
            } catch (RuntimeException e) {
                // A listener's failure must not break the engine's decision.
            }
        }
        return decision.tier();
    }

    /**
     * What {@link #recommendTier} would decide now, without changing the current tier or telling
     * anyone. The what-if control of the Dashboard and the {@code tier} command use it.
     *
     * @throws IllegalArgumentException if {@code taskCount < 0} or complexity is outside 0–100
     */
    public TierDecision evaluate(int taskCount, int complexity) {
        if (taskCount < 0) {
            throw new IllegalArgumentException("task count must be 0 or more, got " + taskCount);
        }
        if (complexity < 0 || complexity > 100) {
            throw new IllegalArgumentException("complexity must be between 0 and 100, got " + complexity);
        }
        SystemLoad now = Objects.requireNonNullElse(load.get(), SystemLoad.IDLE);
        double cpuLimit = cpuThreshold;
        double memLimit = memoryThreshold;
        ThreadingTier previous = currentTier;

        boolean cpuOver = now.cpuPercent() > cpuLimit;
        boolean memOver = now.memoryPercent() > memLimit;
        ThreadingTier tier;
        String reason;
        if (cpuOver || memOver) {
            tier = previous.stepDown();
            String cause = cpuOver
                    ? "CPU %.0f %% is over the %.0f %% threshold".formatted(now.cpuPercent(), cpuLimit)
                    : "memory %.0f %% is over the %.0f %% threshold".formatted(now.memoryPercent(), memLimit);
            reason = tier == previous
                    ? cause + ": stays at the lowest tier, " + tier
                    : cause + ": one tier down from " + previous + " to " + tier;
        } else {
            ThreadingTier base = byTaskCount(taskCount);
            reason = taskCount + " tasks → " + base + " (" + taskCountRule(taskCount) + ")";
            if (complexity > 75) {
                tier = base.stepDown();
                reason += tier == base
                        ? "; complexity " + complexity + " > 75 would step down, but " + base + " is the lowest"
                        : "; complexity " + complexity + " > 75 steps down to " + tier;
            } else if (complexity < 25) {
                tier = base.stepUp();
                reason += tier == base
                        ? "; complexity " + complexity + " < 25 would step up, but " + base + " is the highest"
                        : "; complexity " + complexity + " < 25 steps up to " + tier;
            } else {
                tier = base;
                reason += "; complexity " + complexity + " keeps it";
            }
        }
        return new TierDecision(clock.instant(), taskCount, complexity, now.cpuPercent(), now.memoryPercent(),
                cpuLimit, memLimit, previous, tier, cpuOver || memOver, reason);
    }

    /** The tier for a task count alone: fewer than 10, 25, 50, 100, 200 → TIER_0 … TIER_4, else TIER_5. */
    static ThreadingTier byTaskCount(int taskCount) {
        if (taskCount < 10) {
            return ThreadingTier.TIER_0;
        } else if (taskCount < 25) {
            return ThreadingTier.TIER_1;
        } else if (taskCount < 50) {
            return ThreadingTier.TIER_2;
        } else if (taskCount < 100) {
            return ThreadingTier.TIER_3;
        } else if (taskCount < 200) {
            return ThreadingTier.TIER_4;
        }
        return ThreadingTier.TIER_5;
    }

    private static String taskCountRule(int taskCount) {
        return switch (byTaskCount(taskCount)) {
            case TIER_0 -> "fewer than 10";
            case TIER_1 -> "fewer than 25";
            case TIER_2 -> "fewer than 50";
            case TIER_3 -> "fewer than 100";
            case TIER_4 -> "fewer than 200";
            case TIER_5 -> "200 or more";
        };
    }

    /** The pool configuration of the current tier. */
    public PoolConfig getPoolConfig() {
        return PoolConfig.forTier(currentTier);
    }

    /** The current tier: the last recommendation, TIER_3 before the first. */
    public ThreadingTier currentTier() {
        return currentTier;
    }

    /** Sets the current tier by hand (a user's override). Not published as a decision. */
    public void setCurrentTier(ThreadingTier tier) {
        currentTier = Objects.requireNonNull(tier, "tier");
    }

    /** The CPU use, percent, above which decisions step one tier down. */
    public double cpuThreshold() {
        return cpuThreshold;
    }

    /** The memory use, percent, above which decisions step one tier down. */
    public double memoryThreshold() {
        return memoryThreshold;
    }

    /**
     * Sets the CPU threshold, percent.
     *
     * @throws IllegalArgumentException unless {@code 0 < percent ≤ 100}
     */
    public void setCpuThreshold(double percent) {
        cpuThreshold = checkPercent(percent, "CPU threshold");
    }

    /**
     * Sets the memory threshold, percent.
     *
     * @throws IllegalArgumentException unless {@code 0 < percent ≤ 100}
     */
    public void setMemoryThreshold(double percent) {
        memoryThreshold = checkPercent(percent, "memory threshold");
    }

    private static double checkPercent(double percent, String what) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException(what + " must be above 0 and at most 100 %, got " + percent);
        }
        return percent;
    }

    /** The last {@value #HISTORY_SIZE} decisions made by {@link #recommendTier}, oldest first. */
    public synchronized List<TierDecision> history() {
        return List.copyOf(history);
    }

    /**
     * Calls {@code listener} with every decision {@link #recommendTier} makes from now on, on the
     * thread that asked. Close the returned handle to stop.
     */
    public Subscription onDecision(Consumer<? super TierDecision> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
