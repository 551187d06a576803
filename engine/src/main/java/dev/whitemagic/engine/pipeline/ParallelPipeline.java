package dev.whitemagic.engine.pipeline;

import dev.whitemagic.engine.internal.MapReduce;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Stages that process items at the same time, connected by bounded queues: while the last stage
 * writes item 1, the first may be reading item 40. Each stage has its own workers; a full queue
 * makes the stage before it wait (backpressure), so a slow last stage bounds memory: a stage holds
 * at most its queue and, per worker, a fair share of it taken in one go. Stages form
 * a chain ({@link #addStage}) or a graph ({@link #stage} and {@link #connect}): a stage may feed
 * several (each gets every item) and several may feed one.
 *
 * <pre>{@code
 * PipelineResult r = ParallelPipeline.create()
 *         .addStage("double", (Integer x) -> x * 2, 4)
 *         .addStage("plus one", (Integer x) -> x + 1, 4)
 *         .keepOrder(true)
 *         .execute(List.of(1, 2, 3));
 * r.finalResults();   // [3, 5, 7]
 * }</pre>
 *
 * A pipeline is a description: {@link #execute} and {@link #start} may be called many times, each
 * a separate run.
 */
public final class ParallelPipeline {

    /** The default capacity of each stage's input queue. */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;

    private final Map<String, StageSpec> stages = new LinkedHashMap<>();
    private final Map<String, Set<String>> edges = new LinkedHashMap<>();
    private String last;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private boolean keepOrder;
    private Duration snapshotInterval = Duration.ofMillis(200);

    private ParallelPipeline() {
    }

    /** An empty pipeline. */
    public static ParallelPipeline create() {
        return new ParallelPipeline();
    }

    /**
     * Appends a stage that maps each item to one result (the seed's {@code add_stage(name, fn,
     * workers)}); it takes the previous stage's output.
     */
    public <I, O> ParallelPipeline addStage(String name, StageFunction.ThrowingFunction<I, O> fn, int workers) {
        return addStage(StageSpec.of(name, StageFunction.map(fn)).workers(workers).build());
    }

    /** As {@link #addStage(String, StageFunction.ThrowingFunction, int)}, with a per-item timeout. */
    public <I, O> ParallelPipeline addStage(String name, StageFunction.ThrowingFunction<I, O> fn, int workers,
            Duration timeout) {
        return addStage(StageSpec.of(name, StageFunction.map(fn)).workers(workers).timeout(timeout).build());
    }

    /** Appends a stage after the last one added (the first stage takes the input). */
    public ParallelPipeline addStage(StageSpec spec) {
        String previous = last;
        stage(spec);
        if (previous != null) {
            connect(previous, spec.name());
        }
        return this;
    }

    /** Adds a stage without connecting it; see {@link #connect}. */
    public ParallelPipeline stage(StageSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (stages.containsKey(spec.name())) {
            throw new IllegalArgumentException("there is already a stage named '" + spec.name() + "'");
        }
        stages.put(spec.name(), spec);
        edges.put(spec.name(), new LinkedHashSet<>());
        last = spec.name();
        return this;
    }

    /** Sends every output of {@code from} to {@code to} as well. */
    public ParallelPipeline connect(String from, String to) {
        if (!stages.containsKey(from)) {
            throw new IllegalArgumentException("no stage named '" + from + "'");
        }
        if (!stages.containsKey(to)) {
            throw new IllegalArgumentException("no stage named '" + to + "'");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("stage '" + from + "' cannot feed itself");
        }
        edges.get(from).add(to);
        return this;
    }

    /** The capacity of each stage's input queue (default 256). */
    public ParallelPipeline queueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.queueCapacity = capacity;
        return this;
    }

    /** Whether final results come in input order (outputs of one item in the order emitted). */
    public ParallelPipeline keepOrder(boolean value) {
        this.keepOrder = value;
        return this;
    }

    /** How often a running pipeline publishes a {@link PipelineSnapshot} (default 200 ms). */
    public ParallelPipeline snapshotInterval(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the snapshot interval must be positive");
        }
        this.snapshotInterval = interval;
        return this;
    }

    /** The stages, in the order added. */
    public List<StageSpec> stages() {
        return List.copyOf(stages.values());
    }

    /** Where each stage's output goes. */
    public Map<String, List<String>> edges() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        edges.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /**
     * Starts a run on {@code input} (fed to the stages nothing else feeds) and returns at once.
     *
     * @throws IllegalStateException when there are no stages or the stages form a cycle
     */
    public PipelineRun start(List<?> input) {
        Objects.requireNonNull(input, "input");
        if (stages.isEmpty()) {
            throw new IllegalStateException("the pipeline has no stages");
        }
        List<String> cycle = findCycle();
        if (!cycle.isEmpty()) {
            throw new IllegalStateException("the stages form a cycle: " + String.join(" → ", cycle));
        }
        return Execution.start(new ArrayList<>(stages.values()), edges(), List.copyOf(nullsDropped(input)), queueCapacity,
                keepOrder, snapshotInterval);
    }

    private static List<?> nullsDropped(List<?> input) {
        return input.stream().filter(Objects::nonNull).toList();
    }

    /**
     * Runs on {@code input} and waits for the end (the seed's {@code execute}). When the calling
     * thread is interrupted the run is cancelled and its (unsuccessful) result returned.
     */
    public PipelineResult execute(List<?> input) {
        PipelineRun run = start(input);
        try {
            return run.result().get();
        } catch (InterruptedException e) {
            run.cancel();
            Thread.currentThread().interrupt();
            return run.result().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * A cycle among the stages (first stage repeated at the end), or an empty list. A depth-first
     * walk with its own stack, not the thread's: a chain of thousands of stages must not overflow it.
     */
    List<String> findCycle() {
        Map<String, Integer> state = new HashMap<>(); // absent: not seen; 1: on the path; 2: done
        for (String start : stages.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            ArrayDeque<Iterator<String>> next = new ArrayDeque<>();
            state.put(start, 1);
            path.add(start);
            next.push(edges.get(start).iterator());
            while (!next.isEmpty()) {
                Iterator<String> it = next.peek();
                if (!it.hasNext()) {
                    next.pop();
                    state.put(path.removeLast(), 2);
                    continue;
                }
                String t = it.next();
                Integer st = state.get(t);
                if (st == null) {
                    state.put(t, 1);
                    path.add(t);
                    next.push(edges.get(t).iterator());
                } else if (st == 1) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(t), path.size()));
                    cycle.add(t);
                    return cycle;
                }
            }
        }
        return List.of();
    }

    /**
     * The seed's {@code map_reduce_parallel}: {@code map} over every item in parallel (one worker
     * per core), then {@code reduce} of the mapped values, combined pairwise in a tree keeping input order.
     * Runs on a pool of one daemon thread per core shared by the process (before, the common
     * fork/join pool: one worker on a 2-core machine, so the items ran one after another); give
     * an engine's {@link dev.whitemagic.engine.WhiteMagicEngine#cpuExecutor()} to
     * {@link #mapReduce(List, Executor, Function, BinaryOperator)} to share its.
     *
     * @return the reduced value, or null for empty data
     */
    public static <I, R> R mapReduce(List<I> data, Function<? super I, ? extends R> map, BinaryOperator<R> reduce) {
        return mapReduce(data, CpuPool.POOL, map, reduce);
    }

    /** As {@link #mapReduce(List, Function, BinaryOperator)}, on {@code executor}. */
    public static <I, R> R mapReduce(List<I> data, Executor executor, Function<? super I, ? extends R> map,
            BinaryOperator<R> reduce) {
        return MapReduce.mapReduce(data, executor, map, reduce, null);
    }

    /** One worker per core, daemon threads, made on first use. */
    private static final class CpuPool {
        static final ExecutorService POOL = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().daemon().name("wm-map-reduce-", 0).factory());
    }
}
