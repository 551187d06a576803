package dev.whitemagic.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
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
public final class BatchRun<I, T> extends BatchCore<I, T> {

    private final List<I> inputs;
    private final Object[] byIndex;
    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger liveWorkers = new AtomicInteger();

    /**
     * @param name     for people
     * @param inputs   the items, in the order the final result keeps
     * @param work     the result for one input; should not throw
     * @param onError  the result for an input whose work threw
     * @param bytesOf  bytes one result accounts for (progress in bytes), or {@code r -> 0}
     * @param failedOf whether a result is a failure (counted in progress)
     */
    public BatchRun(String name, List<I> inputs, Function<? super I, ? extends T> work,
            BiFunction<? super I, ? super Throwable, ? extends T> onError,
            ToLongFunction<? super T> bytesOf, Predicate<? super T> failedOf) {
        super(name, work, onError, bytesOf, failedOf);
        this.inputs = List.copyOf(inputs);
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
        enter();
        try {
            for (int i; !cancelled && (i = next.getAndIncrement()) < inputs.size(); ) {
                T out = compute(inputs.get(i));
                if (stoppedByCancel()) {
                    // Interrupted by cancel(): the item did not finish.
                    break;
                }
                record(i, out);
            }
        } finally {
            leave();
            Thread.interrupted();
            workerDone();
        }
    }

    private void record(int index, T out) {
        byIndex[index] = out;
        count(out);
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
    long total() {
        return inputs.size();
    }
}
