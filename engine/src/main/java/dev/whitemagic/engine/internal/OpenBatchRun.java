package dev.whitemagic.engine.internal;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A {@link BatchRun} whose inputs are not known up front: they are {@link #offer offered} while
 * the batch runs (by a folder walk, from its threads), and the batch ends once it is
 * {@link #close closed} and every offered input is done. The workers start at once and wait for
 * inputs. The final result keeps the order the inputs were offered in.
 *
 * @param <I> input
 * @param <T> result
 */
public final class OpenBatchRun<I, T> implements BatchHandle<T> {

    /** One offered input and, once done, its result. */
    private static final class Entry<I, T> {
        final I input;
        volatile T result;

        Entry(I input) {
            this.input = input;
        }
    }

    private static final Entry<?, ?> END = new Entry<>(null);

    private final String name;
    private final Function<? super I, ? extends T> work;
    private final BiFunction<? super I, ? super Throwable, ? extends T> onError;
    private final ToLongFunction<? super T> bytesOf;
    private final Predicate<? super T> failedOf;
    private final List<Entry<I, T>> offered = new ArrayList<>();
    private final BlockingQueue<Entry<?, ?>> pending = new LinkedBlockingQueue<>();
    private final List<T> completed = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private final CompletableFuture<List<T>> result = new CompletableFuture<>();
    private int workers;
    private volatile boolean closed;
    private volatile Throwable feedError;
    private volatile boolean cancelled;
    private volatile long startNanos;
    private volatile long endNanos;

    /** As {@link BatchRun#BatchRun}, without the inputs. */
    public OpenBatchRun(String name, Function<? super I, ? extends T> work,
            BiFunction<? super I, ? super Throwable, ? extends T> onError, ToLongFunction<? super T> bytesOf,
            Predicate<? super T> failedOf) {
        this.name = Objects.requireNonNull(name);
        this.work = Objects.requireNonNull(work);
        this.onError = Objects.requireNonNull(onError);
        this.bytesOf = Objects.requireNonNull(bytesOf);
        this.failedOf = Objects.requireNonNull(failedOf);
    }

    /** Starts {@code workers} workers on {@code executor}, waiting for inputs; returns at once. */
    public synchronized OpenBatchRun<I, T> start(Executor executor, int workers) {
        startNanos = System.nanoTime();
        this.workers = Math.max(1, workers);
        liveWorkers.set(this.workers);
        for (int w = 0; w < this.workers; w++) {
            try {
                executor.execute(this::workLoop);
            } catch (RuntimeException e) {
                // The executor refused (engine closing): the batch is cancelled.
                cancel();
                workerDone();
            }
        }
        return this;
    }

    /** Adds an input; from any thread. Ignored after {@link #close} or {@link #cancel}. */
    public void offer(I input) {
        Entry<I, T> e = new Entry<>(Objects.requireNonNull(input));
        synchronized (this) {
            if (closed || cancelled) {
                return;
            }
            offered.add(e);
            pending.add(e);
        }
    }

    /** No more inputs: the batch ends when the offered ones are done. */
    public void close() {
        close(null);
    }

    /**
     * No more inputs because the feed failed with {@code error} (null: it did not): the offered
     * inputs still run; then {@link #result()} completes exceptionally with {@code error}.
     */
    public synchronized void close(Throwable error) {
        if (closed) {
            return;
        }
        feedError = error;
        closed = true;
        for (int w = 0; w < workers; w++) {
            pending.add(END);
        }
    }

    @SuppressWarnings("unchecked")
    private void workLoop() {
        try {
            while (!cancelled) {
                Entry<?, ?> next;
                try {
                    next = pending.take();
                } catch (InterruptedException e) {
                    if (cancelled) {
                        break;
                    }
                    continue;
                }
                if (next == END) {
                    break;
                }
                Entry<I, T> entry = (Entry<I, T>) next;
                running.add(Thread.currentThread());
                T out;
                try {
                    out = work.apply(entry.input);
                } catch (RuntimeException | Error e) {
                    out = onError.apply(entry.input, e);
                } finally {
                    running.remove(Thread.currentThread());
                }
                if (cancelled && Thread.interrupted()) {
                    break; // interrupted by cancel(): the item did not finish
                }
                record(entry, out);
            }
        } finally {
            Thread.interrupted();
            workerDone();
        }
    }

    private void record(Entry<I, T> entry, T out) {
        entry.result = out;
        bytes.addAndGet(bytesOf.applyAsLong(out));
        if (failedOf.test(out)) {
            failed.incrementAndGet();
        }
        completed.add(out);
        done.incrementAndGet();
    }

    private void workerDone() {
        if (liveWorkers.decrementAndGet() <= 0) {
            finish();
        }
    }

    private void finish() {
        endNanos = System.nanoTime();
        List<T> ordered;
        synchronized (this) {
            closed = true;
            ordered = new ArrayList<>(done.get());
            for (Entry<I, T> e : offered) {
                T r = e.result;
                if (r != null) {
                    ordered.add(r);
                }
            }
        }
        Throwable error = feedError;
        if (error != null && !cancelled) {
            result.completeExceptionally(error);
        } else {
            result.complete(Collections.unmodifiableList(ordered));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Progress progress() {
        long end = endNanos != 0 ? endNanos : System.nanoTime();
        Duration elapsed = startNanos == 0 ? Duration.ZERO : Duration.ofNanos(end - startNanos);
        int total;
        synchronized (this) {
            total = offered.size();
        }
        return new Progress(done.get(), total, failed.get(), bytes.get(), elapsed);
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
        synchronized (this) {
            cancelled = true;
            pending.clear();
            for (int w = 0; w < workers; w++) {
                pending.add(END);
            }
        }
        running.forEach(Thread::interrupt);
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
}
