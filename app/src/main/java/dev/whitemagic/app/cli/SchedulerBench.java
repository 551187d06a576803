package dev.whitemagic.app.cli;

import com.sun.management.OperatingSystemMXBean;
import dev.whitemagic.engine.scheduler.Job;
import dev.whitemagic.engine.scheduler.ParallelScheduler;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code whitemagic bench scheduler}: the engine's {@link ParallelScheduler} next to its peer, a
 * plain {@link ThreadPoolExecutor} on a {@link PriorityBlockingQueue} of (priority, sequence)
 * ordered runnables with the same worker count, in one run. Both get the same tasks, the same
 * priority mix (round robin over the five levels) and are timed from the first submit until every
 * task has run. Each side keeps its scheduler or pool for all rounds of a measurement (the
 * scheduler {@linkplain ParallelScheduler#clear() cleared} between rounds), as a long-lived queue is
 * used. The machine is shared and noisy: each figure is the best of several rounds, the two sides
 * alternating within a round.
 */
final class SchedulerBench {
    private static final TaskPriority[] LEVELS = TaskPriority.values();
    private static final int SLEEP_CONCURRENCY = 64;
    private static final int LATENCY_WORKERS = 8;

    private final PrintWriter out;
    private final boolean quick;
    private final int runs;

    SchedulerBench(PrintWriter out, boolean quick, int runs) {
        this.out = out;
        this.quick = quick;
        this.runs = runs;
    }

    void run() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.max(8, cores);
        throughput(quick ? 100_000 : 1_000_000, workers);
        sleepers(quick ? 2_000 : 10_000);
        criticalLatency(quick ? 10_000 : 100_000, quick ? 50 : 200);
    }

    // ---- 1. no-op throughput

    private void throughput(int count, int workers) throws Exception {
        out.printf(Locale.ROOT, "%n1. %,d no-op tasks, %d workers, priorities round robin, best of %d (after one warm-up)%n",
                count, workers, runs);
        out.flush();
        double sched = Double.MAX_VALUE;
        double plain = Double.MAX_VALUE;
        double schedCpu = 0;
        double plainCpu = 0;
        try (ParallelScheduler scheduler = ParallelScheduler.builder().maxConcurrent(workers).build()) {
            scheduler.start();
            ThreadPoolExecutor pool = plainPool(workers);
            try {
                for (int i = 0; i <= runs; i++) {
                    System.gc(); // each side starts its round with an empty young generation
                    long c0 = cpuNanos();
                    double s = schedulerRound(scheduler, count, 0);
                    long c1 = cpuNanos();
                    System.gc();
                    long c2 = cpuNanos();
                    double p = plainRound(pool, count, 0);
                    long c3 = cpuNanos();
                    if (i > 0 && s < sched) {
                        sched = s;
                        schedCpu = (c1 - c0) / 1e9;
                    }
                    if (i > 0 && p < plain) {
                        plain = p;
                        plainCpu = (c3 - c2) / 1e9;
                    }
                }
            } finally {
                shutdown(pool);
            }
        }
        header();
        row("ParallelScheduler", count, sched, plain, schedCpu);
        row("ThreadPoolExecutor+PBQ", count, plain, plain, plainCpu);
        out.println("   A full GC before each round, not timed. CPU s: the process's CPU time in that round (GC included;");
        out.println("   the scheduler's includes clear()). The scheduler keeps a record of every task, the plain executor none.");
        out.printf(Locale.ROOT, "   goal: scheduler time ≤ 1.50x the plain executor's → %s%n",
                sched / plain <= 1.5 ? "met" : "NOT met");
        out.flush();
    }

    // ---- 2. 1 ms sleepers against the bound

    private void sleepers(int count) throws Exception {
        double bound = SLEEP_CONCURRENCY * 1000.0;
        out.printf(Locale.ROOT, "%n2. %,d tasks of 1 ms sleep at maxConcurrent %d (bound %,.0f tasks/s), best of %d%n",
                count, SLEEP_CONCURRENCY, bound, runs);
        out.flush();
        double sched = Double.MAX_VALUE;
        double plain = Double.MAX_VALUE;
        try (ParallelScheduler scheduler = ParallelScheduler.builder().maxConcurrent(SLEEP_CONCURRENCY).build()) {
            scheduler.start();
            ThreadPoolExecutor pool = plainPool(SLEEP_CONCURRENCY);
            try {
                for (int i = 0; i <= runs; i++) {
                    double s = schedulerRound(scheduler, count, 1);
                    double p = plainRound(pool, count, 1);
                    if (i > 0) {
                        sched = Math.min(sched, s);
                        plain = Math.min(plain, p);
                    }
                }
            } finally {
                shutdown(pool);
            }
        }
        out.printf(Locale.ROOT, "%-26s %14s %10s %12s%n", "", "tasks/s", "of bound", "time ratio");
        out.printf(Locale.ROOT, "%-26s %,14.0f %9.1f%% %11.2fx%n", "ParallelScheduler", count / sched,
                100 * count / sched / bound, sched / plain);
        out.printf(Locale.ROOT, "%-26s %,14.0f %9.1f%% %11.2fx%n", "ThreadPoolExecutor+PBQ", count / plain,
                100 * count / plain / bound, 1.0);
        out.printf(Locale.ROOT, "   goal: ≥ 90%% of the bound → %s (a 1 ms sleep itself lasts a little over 1 ms)%n",
                count / sched / bound >= 0.9 ? "met" : "NOT met");
        out.flush();
    }

    // ---- 3. a CRITICAL task behind a queue of BULK tasks

    private void criticalLatency(int bulk, int samples) throws Exception {
        out.printf(Locale.ROOT, "%n3. CRITICAL task submitted behind %,d queued BULK tasks (1 ms sleep each), %d workers: "
                + "submit → start over %d samples, best of %d%n", bulk, LATENCY_WORKERS, samples, runs);
        out.flush();
        long[] sched = null;
        long[] plain = null;
        for (int i = 0; i <= runs; i++) {
            long[] s = schedulerLatency(bulk, samples);
            long[] p = plainLatency(bulk, samples);
            if (i > 0) {
                sched = sched == null || percentile(s, 99) < percentile(sched, 99) ? s : sched;
                plain = plain == null || percentile(p, 99) < percentile(plain, 99) ? p : plain;
            }
        }
        out.printf(Locale.ROOT, "%-26s %10s %10s %10s%n", "", "p50 ms", "p99 ms", "max ms");
        latencyRow("ParallelScheduler", sched);
        latencyRow("ThreadPoolExecutor+PBQ", plain);
        out.printf(Locale.ROOT, "   goal: p99 < 10 ms → %s%n", percentile(sched, 99) < 10_000_000 ? "met" : "NOT met");
        out.flush();
    }

    // ---- the rounds

    /** Seconds from the first submit until all {@code count} tasks have run. */
    private static double schedulerRound(ParallelScheduler s, int count, long sleepMillis) throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        Job<Object> job = ctx -> {
            if (sleepMillis > 0) {
                Thread.sleep(sleepMillis);
            }
            done.countDown();
            return null;
        };
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            s.addTask(TaskSpec.of("bench", job).priority(LEVELS[i % LEVELS.length]).build());
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        s.clear();
        return seconds;
    }

    private static double plainRound(ThreadPoolExecutor pool, int count, long sleepMillis) throws Exception {
        CountDownLatch done = new CountDownLatch(count);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            pool.execute(new Prioritized(LEVELS[i % LEVELS.length].level(), i, () -> {
                if (sleepMillis > 0) {
                    try {
                        Thread.sleep(sleepMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                done.countDown();
            }));
        }
        done.await();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Submit → start nanos of {@code samples} CRITICAL tasks, each sent while the BULK queue is deep. */
    private static long[] schedulerLatency(int bulk, int samples) throws Exception {
        long[] latency = new long[samples];
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(LATENCY_WORKERS).build()) {
            Job<Object> sleeper = ctx -> {
                Thread.sleep(1);
                return null;
            };
            s.pause();
            s.start();
            for (int i = 0; i < bulk; i++) {
                s.addTask(TaskSpec.of("bulk", sleeper).priority(TaskPriority.BULK).build());
            }
            s.resume();
            for (int i = 0; i < samples; i++) {
                CountDownLatch started = new CountDownLatch(1);
                long[] startedAt = new long[1];
                long t0 = System.nanoTime();
                s.addTask(TaskSpec.of("critical", ctx -> {
                    startedAt[0] = System.nanoTime();
                    started.countDown();
                    return null;
                }).priority(TaskPriority.CRITICAL).build());
                started.await();
                latency[i] = startedAt[0] - t0;
                LockSupport.parkNanos(1_000_000); // let the BULK tasks refill the slots
            }
        } // close() cancels the BULK tasks left
        return latency;
    }

    private static long[] plainLatency(int bulk, int samples) throws Exception {
        long[] latency = new long[samples];
        ThreadPoolExecutor pool = plainPool(LATENCY_WORKERS);
        try {
            for (int i = 0; i < bulk; i++) {
                pool.execute(new Prioritized(TaskPriority.BULK.level(), i, () -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (int i = 0; i < samples; i++) {
                CountDownLatch started = new CountDownLatch(1);
                long[] startedAt = new long[1];
                long t0 = System.nanoTime();
                pool.execute(new Prioritized(TaskPriority.CRITICAL.level(), bulk + i, () -> {
                    startedAt[0] = System.nanoTime();
                    started.countDown();
                }));
                started.await();
                latency[i] = startedAt[0] - t0;
                LockSupport.parkNanos(1_000_000);
            }
        } finally {
            shutdown(pool);
        }
        return latency;
    }

    private static void shutdown(ThreadPoolExecutor pool) throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ThreadPoolExecutor plainPool(int workers) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new PriorityBlockingQueue<>());
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** The peer's task: lower priority level first, then submission order. */
    private record Prioritized(int level, long seq, Runnable body) implements Runnable, Comparable<Prioritized> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Prioritized o) {
            int c = Integer.compare(level, o.level);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    // ---- printing

    private void header() {
        out.printf(Locale.ROOT, "%-26s %14s %10s %12s %8s%n", "", "tasks/s", "seconds", "time ratio", "CPU s");
    }

    private void row(String label, int count, double seconds, double plainSeconds, double cpu) {
        out.printf(Locale.ROOT, "%-26s %,14.0f %10.3f %11.2fx %8.2f%n", label, count / seconds, seconds,
                seconds / plainSeconds, cpu);
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private void latencyRow(String label, long[] nanos) {
        out.printf(Locale.ROOT, "%-26s %10.3f %10.3f %10.3f%n", label, percentile(nanos, 50) / 1e6,
                percentile(nanos, 99) / 1e6, Arrays.stream(nanos).max().orElse(0) / 1e6);
    }

    /** The nearest-rank percentile. */
    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
