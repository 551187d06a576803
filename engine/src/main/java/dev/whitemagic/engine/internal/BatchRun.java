package dev.whitemagic.engine.internal;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Runs one function over a list of inputs with a fixed number of workers, each taking the next
 * input until none is left. Keeps progress, the results in completion order (for UIs that poll)
 * and in input order (for the final result), and stops on {@link #cancel()}.
 *
 * <p>The work function must not throw for bad input: per-item errors are values. If it does
 * throw, {@code onError} turns the exception into a result so the batch still completes.
 *
 * @param <I> input
 * @param <T> result
 */
public final class BatchRun<I, T> implements BatchHandle<T> {

    private final String name;
    private final List<I> inputs;
    private final Function<? super I, ? extends T> work;
    private final java.util.function.BiFunction<? super I, ? super Throwable, ? extends T> onError;
    private final ToLongFunction<? super T> bytesOf;
    private final Predicate<? super T> failedOf;
    private final Object[] byIndex;
    private final List<T> completed = Collections.synchronizedList(new ArrayList<>());
    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private final Set running = new Set();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private final CompletableFuture<List<T>> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile long startNanos;
    private volatile long endNanos;

    /**
     * @param name     for people
     * @param inputs   the items, in the order the final result keeps
     * @param work     the result for one input; should not throw
     * @param onError  the result for an input whose work threw
     * @param bytesOf  bytes one result accounts for (progress in bytes), or {@code r -> 0}
     * @param failedOf whether a result is a failure (counted in progress)
     */
    public BatchRun(String name, List<I> inputs, Function<? super I, ? extends T> work,
            java.util.function.BiFunction<? super I, ? super Throwable, ? extends T> onError,
            ToLongFunction<? super T> bytesOf, Predicate<? super T> failedOf) {
        this.name = Objects.requireNonNull(name);
        this.inputs = List.copyOf(inputs);
        this.work = Objects.requireNonNull(work);
        this.onError = Objects.requireNonNull(onError);
        this.bytesOf = Objects.requireNonNull(bytesOf);
        this.failedOf = Objects.requireNonNull(failedOf);
        this.byIndex = new Object[this.inputs.size()];
    }

    /** Calls {@code listener} with each result as it completes, on the worker's thread. Register before {@link #start}. */
    public BatchRun<I, T> onResult(Consumer<? super T> listener) {
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /** Starts {@code workers} workers on {@code executor}; returns at once. */
    public BatchRun<I, T> start(Executor executor, int workers) {
        startNanos = System.nanoTime();
        int n = Math.max(1, Math.min(workers, inputs.size()));
        if (inputs.isEmpty()) {
            finish();
            return this;
        }
        liveWorkers.set(n);
        for (int w = 0; w < n; w++) {
            try {
                executor.execute(this::workLoop);
            } catch (RuntimeException e) {
                // The executor refused (engine closing): this worker's share is cancelled.
                cancelled = true;
                workerDone();
            }
        }
        return this;
    }

    /** Runs the batch on the calling thread with no other workers; returns when it is done. */
    public List<T> runHere() {
        start(Runnable::run, 1);
        return result.join();
    }

    private void workLoop() {
        try {
            for (int i; !cancelled && (i = next.getAndIncrement()) < inputs.size(); ) {
                I input = inputs.get(i);
                running.add(Thread.currentThread());
                T out;
                try {
                    out = work.apply(input);
                } catch (RuntimeException | Error e) {
                    out = onError.apply(input, e);
                } finally {
                    running.remove(Thread.currentThread());
                }
                if (cancelled && Thread.interrupted()) {
                    // Interrupted by cancel(): the item did not finish.
                    break;
                }
                record(i, out);
            }
        } finally {
            Thread.interrupted();
            workerDone();
        }
    }

    private void record(int index, T out) {
        byIndex[index] = out;
        bytes.addAndGet(bytesOf.applyAsLong(out));
        if (failedOf.test(out)) {
            failed.incrementAndGet();
        }
        completed.add(out);
        done.incrementAndGet();
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(out);
            } catch (RuntimeException e) {
                // A listener must not break the batch.
            }
        }
    }

    private void workerDone() {
        if (liveWorkers.decrementAndGet() <= 0) {
            finish();
        }
    }

    @SuppressWarnings("unchecked")
    private void finish() {
        endNanos = System.nanoTime();
        List<T> ordered = new ArrayList<>(done.get());
        for (Object o : byIndex) {
            if (o != null) {
                ordered.add((T) o);
            }
        }
        result.complete(Collections.unmodifiableList(ordered));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Progress progress() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        Duration elapsed = startNanos == 0 ? Duration.ZERO : Duration.ofNanos(end - startNanos);
        return new Progress(done.get(), inputs.size(), failed.get(), bytes.get(), elapsed);
    }

    @Override
    public List<T> completedSince(int from) {
        synchronized (completed) {
            int size = completed.size();
            return from >= size ? List.of() : List.copyOf(completed.subList(Math.max(0, from), size));
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        running.interruptAll();
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public CompletableFuture<List<T>> result() {
        return result;
    }

    /** The threads working on an item now, to interrupt on cancel. */
    private static final class Set {
        private final java.util.Set<Thread> threads = ConcurrentHashMap.newKeySet();

        void add(Thread t) {
            threads.add(t);
        }

        void remove(Thread t) {
            threads.remove(t);
        }

        void interruptAll() {
            threads.forEach(Thread::interrupt);
        }
    }
}
