package dev.whitemagic.engine.internal;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * What {@link BatchRun} (inputs known up front) and {@link OpenBatchRun} (inputs offered while it
 * runs) share: running the work on one input with per-item errors as values, the counts and the
 * results in completion order, progress, cancel of the items at work, and the final future.
 *
 * @param <I> input
 * @param <T> result
 */
abstract class BatchCore<I, T> implements BatchHandle<T> {
    private final String name;
    private final Function<? super I, ? extends T> work;
    private final BiFunction<? super I, ? super Throwable, ? extends T> onError;
    private final ToLongFunction<? super T> bytesOf;
    private final Predicate<? super T> failedOf;
    private final List<T> completed = Collections.synchronizedList(new ArrayList<>());
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    final AtomicInteger done = new AtomicInteger();
    final CompletableFuture<List<T>> result = new CompletableFuture<>();
    volatile boolean cancelled;
    volatile long startNanos;
    volatile long endNanos;

    BatchCore(String name, Function<? super I, ? extends T> work,
            BiFunction<? super I, ? super Throwable, ? extends T> onError, ToLongFunction<? super T> bytesOf,
            Predicate<? super T> failedOf) {
        this.name = Objects.requireNonNull(name);
        this.work = Objects.requireNonNull(work);
        this.onError = Objects.requireNonNull(onError);
        this.bytesOf = Objects.requireNonNull(bytesOf);
        this.failedOf = Objects.requireNonNull(failedOf);
    }

    /** The inputs known so far, for progress. */
    abstract long total();

    /**
     * The result of one input, worked on this thread (between {@link #enter()} and
     * {@link #leave()}); {@code onError}'s when the work threw. Then
     * {@link #stoppedByCancel()} says whether a cancel interrupted it (the item did not finish).
     */
    final T compute(I input) {
        try {
            return work.apply(input);
        } catch (RuntimeException | Error e) {
            return onError.apply(input, e);
        }
    }

    /**
     * Marks this thread as a worker of the batch until {@link #leave()}: a cancel interrupts it
     * (once per worker, not per item: a set update per item costs a fast batch of small files
     * more than its bookkeeping is worth).
     */
    final void enter() {
        running.add(Thread.currentThread());
    }

    /** This thread works no more for the batch. */
    final void leave() {
        running.remove(Thread.currentThread());
    }

    /** After {@link #compute}: whether {@link #cancel()} interrupted the item (clears the interrupt). */
    final boolean stoppedByCancel() {
        return cancelled && Thread.interrupted();
    }

    /** Counts a finished item and makes it visible to {@link #completedSince}. */
    void count(T out) {
        bytes.addAndGet(bytesOf.applyAsLong(out));
        if (failedOf.test(out)) {
            failed.incrementAndGet();
        }
        completed.add(out);
        done.incrementAndGet();
    }

    /** Interrupts the items at work (a cancel). */
    final void interruptRunning() {
        running.forEach(Thread::interrupt);
    }

    @Override
    public void cancel() {
        cancelled = true;
        interruptRunning();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Progress progress() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        Duration elapsed = startNanos == 0 ? Duration.ZERO : Duration.ofNanos(end - startNanos);
        return new Progress(done.get(), total(), failed.get(), bytes.get(), elapsed);
    }

    @Override
    public List<T> completedSince(int from) {
        synchronized (completed) {
            int size = completed.size();
            return from >= size ? List.of() : List.copyOf(completed.subList(Math.max(0, from), size));
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public CompletableFuture<List<T>> result() {
        return result;
    }
}
