package dev.whitemagic.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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
public final class OpenBatchRun<I, T> extends BatchCore<I, T> {

    /** One offered input and, once done, its result. */
    private static final class Entry<I, T> {
        final I input;
        volatile T result;

        Entry(I input) {
            this.input = input;
        }
    }

    /** Inputs offered together ({@link #offerAll}): one worker takes them all, in turn. */
    private record Group<I, T>(List<Entry<I, T>> entries) {}

    private static final Entry<?, ?> END = new Entry<>(null);

    private final List<Entry<I, T>> offered = new ArrayList<>();
    /** {@link Entry}s and {@link Group}s waiting, and {@link #END}s. */
    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private int workers;
    private volatile boolean closed;
    private volatile Throwable feedError;
    private volatile Consumer<? super I> onDiscard = input -> { };

    /** As {@link BatchRun#BatchRun}, without the inputs. */
    public OpenBatchRun(String name, Function<? super I, ? extends T> work,
            BiFunction<? super I, ? super Throwable, ? extends T> onError, ToLongFunction<? super T> bytesOf,
            Predicate<? super T> failedOf) {
        super(name, work, onError, bytesOf, failedOf);
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

    /**
     * What to do with an input that is dropped unprocessed: offered after {@link #close} or
     * {@link #cancel}, or still waiting when cancelled (e.g. give back what it holds). Set it
     * before offering.
     */
    public OpenBatchRun<I, T> onDiscard(Consumer<? super I> onDiscard) {
        this.onDiscard = Objects.requireNonNull(onDiscard);
        return this;
    }

    /**
     * Adds an input; from any thread. Dropped (see {@link #onDiscard}) after {@link #close} or
     * {@link #cancel}.
     *
     * @return whether it was taken
     */
    public boolean offer(I input) {
        Entry<I, T> e = new Entry<>(Objects.requireNonNull(input));
        synchronized (this) {
            if (!closed && !cancelled) {
                offered.add(e);
                pending.add(e);
                return true;
            }
        }
        onDiscard.accept(input);
        return false;
    }

    /**
     * Adds inputs that one worker takes together, in turn (e.g. the files of one folder: one
     * hand-over instead of one each); as {@link #offer} otherwise.
     *
     * @return whether they were taken
     */
    public boolean offerAll(List<? extends I> inputs) {
        if (inputs.isEmpty()) {
            return true;
        }
        List<Entry<I, T>> entries = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            entries.add(new Entry<>(Objects.requireNonNull(input)));
        }
        synchronized (this) {
            if (!closed && !cancelled) {
                offered.addAll(entries);
                pending.add(new Group<>(entries));
                return true;
            }
        }
        inputs.forEach(onDiscard);
        return false;
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
        enter();
        try {
            while (!cancelled) {
                Object next;
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
                List<Entry<I, T>> entries = next instanceof Group<?, ?> g
                        ? ((Group<I, T>) g).entries() : List.of((Entry<I, T>) next);
                for (int i = 0; i < entries.size(); i++) {
                    Entry<I, T> entry = entries.get(i);
                    if (i > 0 && cancelled) {
                        discard(entries, i); // the rest of a group, once cancelled
                        break;
                    }
                    T out = compute(entry.input);
                    if (stoppedByCancel()) {
                        discard(entries, i + 1); // interrupted by cancel(): the item did not finish
                        break;
                    }
                    record(entry, out);
                }
            }
        } finally {
            leave();
            Thread.interrupted();
            workerDone();
        }
    }

    private void discard(List<Entry<I, T>> entries, int from) {
        for (int i = from; i < entries.size(); i++) {
            onDiscard.accept(entries.get(i).input);
        }
    }

    private void record(Entry<I, T> entry, T out) {
        entry.result = out;
        count(out);
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
    synchronized long total() {
        return offered.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void cancel() {
        List<Object> dropped = new ArrayList<>();
        synchronized (this) {
            cancelled = true;
            pending.drainTo(dropped);
            for (int w = 0; w < workers; w++) {
                pending.add(END);
            }
        }
        interruptRunning();
        for (Object o : dropped) {
            if (o instanceof Group<?, ?> g) {
                discard(((Group<I, T>) g).entries(), 0);
            } else if (o != END) {
                onDiscard.accept(((Entry<I, T>) o).input);
            }
        }
    }
}
