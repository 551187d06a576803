package dev.whitemagic.engine;

import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.SystemLoad;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.internal.LimitedExecutor;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.metrics.MetricsSampler;
import dev.whitemagic.engine.metrics.SystemMetrics;
import dev.whitemagic.engine.scheduler.Job;
import dev.whitemagic.engine.scheduler.JobHistory;
import dev.whitemagic.engine.scheduler.Jobs;
import dev.whitemagic.engine.scheduler.ParallelScheduler;
import dev.whitemagic.engine.text.TextKernels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The embedded parallel engine: the one front door to everything WhiteMagic does. One engine
 * runs per process; every pane of the workbench and every command goes through it.
 *
 * <p>It owns two executors: {@link #ioExecutor()} runs I/O-bound work on virtual threads, at
 * most as many at once as the adaptive controller's tier allows (or a fixed limit), and
 * {@link #cpuExecutor()} runs CPU-bound work on platform threads, one per core. It also owns the
 * {@link MetricsSampler} and the {@link AdaptiveThreadingController}, which decides on the
 * sampler's latest figures.
 *
 * <pre>{@code
 * try (WhiteMagicEngine engine = WhiteMagicEngine.builder()
 *         .home(Path.of("/tmp/wm"))
 *         .build()) {
 *     ThreadingTier tier = engine.adaptive().recommendTier(80, 50);   // TIER_3
 *     engine.ioExecutor().execute(() -> readSomething());
 * }
 * }</pre>
 */
public final class WhiteMagicEngine implements AutoCloseable {

    private static final AtomicReference<WhiteMagicEngine> OPEN = new AtomicReference<>();

    private final EngineConfig config;
    private volatile MetricsSampler metrics;
    private MemoryStore memory;
    private ParallelScheduler scheduler;
    private final Map<String, BiFunction<WhiteMagicEngine, Map<String, String>, Job<?>>> recipes =
            new LinkedHashMap<>();
    private JobHistory history;
    private String historyProblem;
    private final AdaptiveThreadingController adaptive;
    private final LimitedExecutor io;
    private final ThreadPoolExecutor cpu;
    private volatile boolean closed;

    private WhiteMagicEngine(EngineConfig config) {
        this.config = config;
        // The sampler starts on first use: a command like grep never needs it, and starting OSHI
        // costs a busy core a few hundred milliseconds.
        this.adaptive = new AdaptiveThreadingController(
                () -> metrics().latest().map(SystemMetrics::load).orElse(SystemLoad.IDLE));
        adaptive.setCpuThreshold(config.cpuThreshold());
        adaptive.setMemoryThreshold(config.memoryThreshold());
        int fixed = config.ioLimit();
        this.io = new LimitedExecutor("whitemagic-io",
                fixed > 0 ? () -> fixed : () -> adaptive.getPoolConfig().ioWorkers());
        this.cpu = new ThreadPoolExecutor(config.cpuThreads(), config.cpuThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("whitemagic-cpu-"));
        cpu.allowCoreThreadTimeOut(true);
    }

    /** A builder with the defaults: the user's data directory, 1 s sampling, one CPU thread per core. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this engine was built with. */
    public EngineConfig config() {
        return config;
    }

    /** The data directory. */
    public Path home() {
        return config.home();
    }

    /** The live machine metrics; sampling starts on the first call. */
    public MetricsSampler metrics() {
        MetricsSampler m = metrics;
        if (m == null) {
            synchronized (this) {
                m = metrics;
                if (m == null) {
                    m = new MetricsSampler(config.metricsInterval(), config.metricsCapacity());
                    if (closed) {
                        m.close();
                    }
                    metrics = m;
                }
            }
        }
        return m;
    }

    /** The adaptive tier controller. */
    public AdaptiveThreadingController adaptive() {
        return adaptive;
    }

    /**
     * A parallel file reader on this engine: adaptive worker counts (each batch's tier decision is
     * logged), reads on the I/O executor. Configure it with its {@code with…} methods.
     */
    public ParallelFileReader files() {
        return new ParallelFileReader(io, adaptive);
    }

    /**
     * The batch text kernels (grep, match, word index, similarity, scan) on this engine's CPU
     * executor, one worker per core.
     */
    public TextKernels text() {
        return new TextKernels(cpu, config.cpuThreads());
    }

    /**
     * The memory store in this engine's data directory ({@code home/memory}, WhiteMagic's folder
     * format, with its derived search index), opened on the first call and closed with the engine.
     */
    public synchronized MemoryStore memory() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (memory == null) {
            memory = MemoryStore.open(config.home(), cpu);
        }
        return memory;
    }

    /**
     * The engine's long-lived job queue: priorities, dependencies, cancel, retries, timeouts; its
     * concurrency follows the adaptive controller's tier. Started on the first call, closed with
     * the engine. It keeps the newest {@value JobHistory#DEFAULT_RETAINED_JOBS} ended jobs; with
     * the job history on (the default) they are kept in {@code home/jobs/history.jsonl} and are
     * back in the queue after a restart, the ones that were pending or running then
     * {@linkplain dev.whitemagic.engine.scheduler.TaskStatus#INTERRUPTED interrupted}. A history
     * that cannot be opened leaves the queue without one ({@link #jobHistoryProblem()}).
     */
    public synchronized ParallelScheduler scheduler() {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        if (scheduler == null) {
            ParallelScheduler s = ParallelScheduler.builder().concurrencyFrom(adaptive)
                    .retainFinished(JobHistory.DEFAULT_RETAINED_JOBS).build();
            if (config.jobHistory()) {
                Path file = config.home().resolve("jobs").resolve("history.jsonl");
                try {
                    history = JobHistory.open(file, JobHistory.DEFAULT_RETAINED_JOBS);
                    history.attach(s);
                } catch (RuntimeException e) {
                    // the queue works without its history; the reason is kept for the UI
                    historyProblem = e.getMessage();
                    if (history != null) {
                        history.close();
                        history = null;
                    }
                }
            }
            recipes.forEach((type, factory) -> s.registerRecipe(type, params -> factory.apply(this, params)));
            s.start();
            scheduler = s;
        }
        return scheduler;
    }

    /**
     * Registers how to make a job of recipe {@code type} again (for jobs restored from the job
     * history, see {@link dev.whitemagic.engine.scheduler.JobRecipe}). Cheap: the scheduler is not
     * created for it; the recipe is handed to it when it is.
     */
    public synchronized void registerRecipe(String type,
            BiFunction<WhiteMagicEngine, Map<String, String>, Job<?>> factory) {
        recipes.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(factory, "factory"));
        if (scheduler != null) {
            scheduler.registerRecipe(type, params -> factory.apply(this, params));
        }
    }

    /**
     * Runs work as jobs of {@link #scheduler()}: what the panes and commands start goes through
     * here, so the job queue shows all of it.
     */
    public Jobs jobs() {
        return new Jobs(scheduler());
    }

    /**
     * Clears the ended jobs from the queue and from the job history (they do not come back at the
     * next start).
     *
     * @return how many were cleared
     */
    public int clearFinishedJobs() {
        ParallelScheduler s = scheduler();
        JobHistory h;
        synchronized (this) {
            h = history;
        }
        List<Long> ids = s.clearFinished();
        if (h != null) {
            h.forget(ids);
        }
        return ids.size();
    }

    /** Why the job history could not be opened, if it could not (the queue then runs without one). */
    public synchronized Optional<String> jobHistoryProblem() {
        return Optional.ofNullable(historyProblem);
    }

    /** Runs I/O-bound tasks on virtual threads, as many at once as the current tier allows. */
    public Executor ioExecutor() {
        return io;
    }

    /** Runs CPU-bound tasks on platform threads, one per core. */
    public ExecutorService cpuExecutor() {
        return cpu;
    }

    /** Tasks running now on either executor. */
    public int activeTasks() {
        return io.running() + cpu.getActiveCount();
    }

    /** Tasks waiting for a place on either executor. */
    public int queuedTasks() {
        return io.waiting() + cpu.getQueue().size();
    }

    /** Threads the engine holds now: its CPU pool's platform threads plus the virtual threads at work. */
    public int threadCount() {
        return cpu.getPoolSize() + io.running();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /** Stops sampling and both executors; running tasks are interrupted. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (metrics != null) {
                metrics.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            if (history != null) {
                history.close();   // after the scheduler, so the jobs it cancelled are recorded
            }
            if (memory != null) {
                memory.close();
            }
        }
        io.shutdown();
        cpu.shutdownNow();
        OPEN.compareAndSet(this, null);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Builds the engine. All settings are optional.
     *
     * <pre>{@code
     * WhiteMagicEngine engine = WhiteMagicEngine.builder()
     *         .home(dir).metricsInterval(Duration.ofMillis(500)).cpuThreshold(70).build();
     * }</pre>
     */
    public static final class Builder {
        private Path home;
        private Duration metricsInterval = MetricsSampler.DEFAULT_INTERVAL;
        private int metricsCapacity = MetricsSampler.DEFAULT_CAPACITY;
        private int cpuThreads = Runtime.getRuntime().availableProcessors();
        private int ioLimit;
        private double cpuThreshold = AdaptiveThreadingController.DEFAULT_CPU_THRESHOLD;
        private double memoryThreshold = AdaptiveThreadingController.DEFAULT_MEMORY_THRESHOLD;
        private boolean jobHistory = true;

        private Builder() {}

        /** Whether the job queue keeps its history in the data directory; default on. */
        public Builder jobHistory(boolean on) {
            this.jobHistory = on;
            return this;
        }

        /** The data directory; default {@link EngineConfig#defaultHome()}. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** How often the machine is sampled; default 1 s, at least 50 ms. */
        public Builder metricsInterval(Duration interval) {
            this.metricsInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How many samples are kept; default 300. */
        public Builder metricsCapacity(int capacity) {
            this.metricsCapacity = capacity;
            return this;
        }

        /** Platform threads for CPU-bound work; default one per core. */
        public Builder cpuThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("cpu threads must be at least 1, got " + threads);
            }
            this.cpuThreads = threads;
            return this;
        }

        /** A fixed limit on concurrent I/O tasks instead of the adaptive tier's; 0 follows the tier. */
        public Builder ioLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("I/O limit must be 0 (adaptive) or more, got " + limit);
            }
            this.ioLimit = limit;
            return this;
        }

        /** The adaptive controller's CPU threshold, percent; default 80. */
        public Builder cpuThreshold(double percent) {
            this.cpuThreshold = percent;
            return this;
        }

        /** The adaptive controller's memory threshold, percent; default 85. */
        public Builder memoryThreshold(double percent) {
            this.memoryThreshold = percent;
            return this;
        }

        /**
         * Starts the engine.
         *
         * @throws IllegalStateException if another engine is open in this process
         */
        public WhiteMagicEngine build() {
            EngineConfig config = new EngineConfig(home != null ? home : EngineConfig.defaultHome(),
                    metricsInterval, metricsCapacity, cpuThreads, ioLimit, cpuThreshold, memoryThreshold, jobHistory);
            synchronized (OPEN) {
                WhiteMagicEngine open = OPEN.get();
                if (open != null && !open.closed) {
                    throw new IllegalStateException("an engine is already open in this process; close it first");
                }
                WhiteMagicEngine engine = new WhiteMagicEngine(config);
                OPEN.set(engine);
                return engine;
            }
        }
    }
}
