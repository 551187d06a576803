package dev.whitemagic.engine.pipeline;

import dev.whitemagic.engine.Subscription;
import dev.whitemagic.engine.internal.SerialDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One run of a pipeline: a bounded queue and a set of virtual-thread workers per stage, a feeder
 * for the input, end-of-stream markers that travel once every upstream stage has ended, and a
 * ticker publishing snapshots.
 */
final class Execution implements PipelineRun {
    private static final Object END = new Object();
    private static final int LATENCY_SAMPLES = 256;
    private static final int ITEM_TEXT = 200;
    private static final int MAX_BATCH = 64;
    private static final long QUICK_ITEM_NANOS = 20_000;

    /** An item with its place in the input order (only when the pipeline keeps order). */
    private record Keyed(Object value, long[] key) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final boolean keepOrder;
    private final Duration interval;
    private final long startNanos = System.nanoTime();
    private final Queue<Object> results = new ConcurrentLinkedQueue<>();
    private final Queue<ItemError> errors = new ConcurrentLinkedQueue<>();
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final SerialDispatcher<PipelineSnapshot> snapshots = new SerialDispatcher<>();
    private final CompletableFuture<PipelineResult> result = new CompletableFuture<>();
    private final AtomicInteger remaining;
    private final ScheduledExecutorService timer;
    private volatile boolean stopped;
    private volatile boolean cancelled;
    private volatile String failure;

    private Execution(List<StageSpec> specs, Map<String, List<String>> edges, int capacity, boolean keepOrder,
            Duration interval) {
        this.keepOrder = keepOrder;
        this.interval = interval;
        Map<String, Node> byName = new HashMap<>();
        for (StageSpec spec : specs) {
            Node n = new Node(spec, capacity);
            nodes.add(n);
            byName.put(spec.name(), n);
        }
        for (Node n : nodes) {
            for (String to : edges.getOrDefault(n.spec.name(), List.of())) {
                Node m = byName.get(to);
                n.next.add(m);
                m.open.incrementAndGet();
            }
        }
        remaining = new AtomicInteger(nodes.size());
        timer = specs.stream().anyMatch(s -> s.timeout() != null)
                ? Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("wm-pipeline-timer").factory())
                : null;
    }

    static Execution start(List<StageSpec> specs, Map<String, List<String>> edges, List<?> input, int capacity,
            boolean keepOrder, Duration interval) {
        Execution run = new Execution(specs, edges, capacity, keepOrder, interval);
        List<Node> sources = run.nodes.stream().filter(n -> n.open.get() == 0).toList();
        for (Node s : sources) {
            s.open.incrementAndGet(); // the feeder
        }
        for (Node n : run.nodes) {
            for (int i = 0; i < n.spec.workers(); i++) {
                run.threads.add(Thread.ofVirtual().name("wm-pipeline-" + n.spec.name() + "-" + i).start(() -> run.work(n)));
            }
        }
        run.threads.add(Thread.ofVirtual().name("wm-pipeline-feeder").start(() -> run.feed(input, sources)));
        Thread.ofVirtual().name("wm-pipeline-ticker").start(run::tick);
        return run;
    }

    // ---- the work ------------------------------------------------------------------------

    private void feed(List<?> input, List<Node> sources) {
        try {
            long i = 0;
            for (Object item : input) {
                if (stopped) {
                    return;
                }
                Object msg = keepOrder ? new Keyed(item, new long[] {i}) : item;
                for (Node s : sources) {
                    s.queue.put(msg);
                }
                i++;
            }
            for (Node s : sources) {
                upstreamEnded(s);
            }
        } catch (InterruptedException e) {
            // cancelled
        }
    }

    private void work(Node n) {
        Worker w = new Worker(Thread.currentThread());
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (!stopped) {
                // Take what is waiting in one go (a fair share when there are many workers): one
                // lock and at most one wake-up for many items when the stage keeps up.
                batch.add(n.queue.take());
                // Only for quick items: a worker holding several slow ones would leave others idle.
                int share = n.typicalNanos > QUICK_ITEM_NANOS ? 0
                        : Math.min(MAX_BATCH - 1, n.queue.size() / n.spec.workers());
                if (share > 0) {
                    n.queue.drainTo(batch, share);
                }
                for (int i = 0; i < batch.size(); i++) {
                    Object msg = batch.get(i);
                    if (msg == END) {
                        // only end markers follow the first one: hand back those of the other workers
                        for (int j = i + 1; j < batch.size(); j++) {
                            n.queue.put(END);
                        }
                        return;
                    }
                    handle(n, w, msg);
                }
                batch.clear();
            }
        } catch (InterruptedException | CancellationException e) {
            // cancelled
        } finally {
            if (n.alive.decrementAndGet() == 0) {
                stageEnded(n);
            }
        }
    }

    private void handle(Node n, Worker w, Object msg) throws InterruptedException {
        Object value = keepOrder ? ((Keyed) msg).value() : msg;
        long[] key = keepOrder ? ((Keyed) msg).key() : null;
        n.in.increment();
        if (n.firstNanos == 0) {
            n.firstNanos = System.nanoTime();
        }
        n.busy.incrementAndGet();
        long t0 = System.nanoTime();
        int attempts = n.spec.policy().attempts();
        Exception last = null;
        int tried = 0;
        try {
            while (tried < attempts) {
                tried++;
                ItemEmitter out = new ItemEmitter(n, key, attempts > 1);
                try {
                    call(n, w, value, out);
                    out.flush();
                    last = null;
                    break;
                } catch (InterruptedException | CancellationException e) {
                    if (stopped) {
                        throw e;
                    }
                    last = new TimeoutException("timed out after " + describe(n.spec.timeout()));
                } catch (Exception e) {
                    last = e;
                }
            }
        } finally {
            n.busy.decrementAndGet();
            n.latency(System.nanoTime() - t0);
        }
        if (last != null) {
            failed(n, text(value), last, tried);
        }
    }

    /** Runs the stage's function on one item, interrupting the worker when it takes too long. */
    private void call(Node n, Worker w, Object value, ItemEmitter out) throws Exception {
        Duration timeout = n.spec.timeout();
        if (timeout == null) {
            n.spec.function().apply(value, out);
            return;
        }
        long token = w.arm();
        ScheduledFuture<?> alarm = timer.schedule(() -> w.fire(token), timeout.toNanos(), TimeUnit.NANOSECONDS);
        boolean threw = true;
        try {
            n.spec.function().apply(value, out);
            threw = false;
        } finally {
            alarm.cancel(false);
            if (w.disarm()) {
                Thread.interrupted(); // the alarm's interrupt must not reach the next take()
                if (threw && !stopped) {
                    // whatever the function threw on being interrupted, the item timed out
                    throw new InterruptedException("timed out");
                }
            }
        }
    }

    private void failed(Node n, String item, Exception e, int attempts) {
        n.errors.increment();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        errors.add(new ItemError(n.spec.name(), item, message, attempts));
        if (n.spec.policy().action() == ErrorPolicy.Action.FAIL) {
            fail("stage '" + n.spec.name() + "' failed on " + item + ": " + message);
        }
    }

    private void fail(String why) {
        synchronized (this) {
            if (failure == null && !cancelled) {
                failure = why;
            }
        }
        stop();
    }

    private void stageEnded(Node n) {
        if (!stopped) {
            ItemEmitter out = new ItemEmitter(n, keepOrder ? new long[] {Long.MAX_VALUE} : null, false);
            try {
                n.spec.function().finish(out);
            } catch (InterruptedException | CancellationException e) {
                // cancelled while finishing
            } catch (Exception e) {
                failed(n, "(end of input)", e, 1);
            }
        }
        n.endNanos = System.nanoTime();
        n.finished = true;
        if (!stopped) {
            for (Node m : n.next) {
                upstreamEnded(m);
            }
        }
        if (remaining.decrementAndGet() == 0) {
            complete();
        }
    }

    /** One upstream of {@code m} has ended; when it was the last, tell each of its workers. */
    private void upstreamEnded(Node m) {
        if (m.open.decrementAndGet() == 0) {
            try {
                for (int i = 0; i < m.spec.workers(); i++) {
                    m.queue.put(END);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // cancelled: the workers end by interrupt instead
            }
        }
    }

    private void stop() {
        stopped = true;
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    private void complete() {
        if (timer != null) {
            timer.shutdownNow();
        }
        List<Object> finals;
        if (keepOrder) {
            List<Keyed> keyed = new ArrayList<>(results.size());
            for (Object o : results) {
                keyed.add((Keyed) o);
            }
            keyed.sort((a, b) -> Arrays.compare(a.key(), b.key()));
            finals = new ArrayList<>(keyed.size());
            for (Keyed k : keyed) {
                finals.add(k.value());
            }
        } else {
            finals = new ArrayList<>(results);
        }
        List<StageResult> stages = new ArrayList<>();
        for (Node n : nodes) {
            long from = n.firstNanos == 0 ? n.endNanos : n.firstNanos;
            stages.add(new StageResult(n.spec.name(), n.spec.workers(), n.in.sum(), n.out.sum(), n.errors.sum(),
                    Duration.ofNanos(Math.max(0, n.endNanos - from))));
        }
        String error = cancelled ? "cancelled" : failure;
        PipelineResult r = new PipelineResult(finals, stages, new ArrayList<>(errors),
                Duration.ofNanos(System.nanoTime() - startNanos), error == null, error);
        snapshots.post(snapshot(true));
        snapshots.drain();
        result.complete(r);
    }

    // ---- live figures --------------------------------------------------------------------

    private void tick() {
        long intervalNanos = interval.toNanos();
        while (!result.isDone()) {
            try {
                result.get(intervalNanos, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                for (Node n : nodes) {
                    n.sampleRate(now);
                }
                if (snapshots.hasListeners()) {
                    snapshots.post(snapshot(false));
                    snapshots.drain();
                }
            } catch (InterruptedException | ExecutionException e) {
                return;
            }
        }
    }

    private PipelineSnapshot snapshot(boolean finished) {
        List<StageStats> stats = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            stats.add(n.stats());
        }
        return new PipelineSnapshot(stats, Duration.ofNanos(System.nanoTime() - startNanos), finished);
    }

    @Override
    public PipelineSnapshot snapshot() {
        return snapshot(result.isDone());
    }

    @Override
    public Subscription subscribe(Consumer<? super PipelineSnapshot> listener) {
        return snapshots.subscribe(listener);
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (result.isDone() || stopped) {
                return;
            }
            cancelled = true;
        }
        stop();
    }

    @Override
    public CompletableFuture<PipelineResult> result() {
        return result;
    }

    private static String text(Object item) {
        String s = String.valueOf(item);
        return s.length() <= ITEM_TEXT ? s : s.substring(0, ITEM_TEXT - 1) + "…";
    }

    private static String describe(Duration d) {
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    // ---- parts ---------------------------------------------------------------------------

    /** A stage at run time. */
    private static final class Node {
        final StageSpec spec;
        final ArrayBlockingQueue<Object> queue;
        final int capacity;
        final List<Node> next = new ArrayList<>();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger alive;
        final LongAdder in = new LongAdder();
        final LongAdder out = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicInteger busy = new AtomicInteger();
        final long[] latencies = new long[LATENCY_SAMPLES];
        final AtomicInteger latencyCount = new AtomicInteger();
        volatile long typicalNanos;
        volatile long firstNanos;
        volatile long endNanos;
        volatile boolean finished;
        private long lastIn;
        private long lastSample = System.nanoTime();
        private volatile double rate;

        Node(StageSpec spec, int capacity) {
            this.spec = spec;
            this.capacity = capacity;
            // room for the end markers; a sum past int is a queue that could never be allocated anyway
            this.queue = new ArrayBlockingQueue<>((int) Math.min(Integer.MAX_VALUE - 8L, (long) capacity + spec.workers()));
            this.alive = new AtomicInteger(spec.workers());
        }

        void latency(long nanos) {
            latencies[latencyCount.getAndIncrement() & (LATENCY_SAMPLES - 1)] = nanos;
            typicalNanos += (nanos - typicalNanos) >> 3; // a rough moving average; races are harmless
        }

        /** Called by the ticker only. */
        void sampleRate(long now) {
            long done = in.sum();
            double seconds = (now - lastSample) / 1e9;
            if (seconds > 0) {
                rate = (done - lastIn) / seconds;
            }
            lastIn = done;
            lastSample = now;
        }

        StageStats stats() {
            int n = Math.min(latencyCount.get(), LATENCY_SAMPLES);
            double p50 = 0;
            if (n > 0) {
                long[] copy = Arrays.copyOf(latencies, n);
                Arrays.sort(copy);
                p50 = copy[n / 2] / 1e6;
            }
            int queued = 0;
            for (Object o : queue) {
                if (o != END) {
                    queued++;
                }
            }
            return new StageStats(spec.name(), spec.workers(), in.sum(), out.sum(), errors.sum(), busy.get(),
                    queued, capacity, finished ? 0 : rate, p50, finished);
        }
    }

    /** Sends one item's outputs on: to the next stages' queues, or to the results. */
    private final class ItemEmitter implements Emitter<Object> {
        private final Node node;
        private final long[] key;
        private final List<Object> buffer;
        private long index;
        int sent;

        ItemEmitter(Node node, long[] key, boolean buffered) {
            this.node = node;
            this.key = key;
            this.buffer = buffered ? new ArrayList<>() : null;
        }

        @Override
        public void emit(Object item) {
            if (item == null) {
                return;
            }
            Object msg = item;
            if (key != null) {
                long[] k = Arrays.copyOf(key, key.length + 1);
                k[key.length] = index++;
                msg = new Keyed(item, k);
            }
            if (buffer != null) {
                buffer.add(msg);
            } else {
                send(msg);
            }
        }

        void flush() {
            if (buffer != null) {
                for (Object msg : buffer) {
                    send(msg);
                }
                buffer.clear();
            }
        }

        private void send(Object msg) {
            node.out.increment();
            sent++;
            if (node.next.isEmpty()) {
                results.add(msg);
                return;
            }
            try {
                for (Node m : node.next) {
                    m.queue.put(msg);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for stage room");
            }
        }
    }

    /** A worker's per-item timeout alarm: fires only for the item it was armed for. */
    private static final class Worker {
        private final Thread thread;
        private long token;
        private boolean armed;
        private boolean fired;

        Worker(Thread thread) {
            this.thread = thread;
        }

        synchronized long arm() {
            armed = true;
            fired = false;
            return ++token;
        }

        synchronized void fire(long forToken) {
            if (armed && token == forToken) {
                fired = true;
                thread.interrupt();
            }
        }

        /** @return whether the alarm fired for this item */
        synchronized boolean disarm() {
            armed = false;
            return fired;
        }
    }
}
