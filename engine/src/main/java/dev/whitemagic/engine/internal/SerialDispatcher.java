package dev.whitemagic.engine.internal;

import dev.whitemagic.engine.Subscription;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Delivers events to listeners one at a time, in the order they were posted, without holding the
 * poster's lock: post under the lock (cheap), {@link #drain()} after releasing it. Whichever
 * thread drains first delivers everything queued; listener exceptions are swallowed.
 *
 * @param <E> the event type
 */
public final class SerialDispatcher<E> {
    private final CopyOnWriteArrayList<Consumer<? super E>> listeners = new CopyOnWriteArrayList<>();
    private final Queue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Thread drainer;

    /** Adds a listener; close the handle to remove it. */
    public Subscription subscribe(Consumer<? super E> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether anyone listens (to skip building events). */
    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Queues an event; cheap, safe under a lock. */
    public void post(E event) {
        if (!listeners.isEmpty()) {
            queue.add(event);
        }
    }

    /** Delivers queued events unless another thread is already doing it. Call without locks held. */
    public void drain() {
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            drainer = Thread.currentThread();
            try {
                E e;
                while ((e = queue.poll()) != null) {
                    for (Consumer<? super E> l : listeners) {
                        try {
                            l.accept(e);
                        } catch (RuntimeException ignored) {
                            // a faulty listener must not stop the scheduler or the other listeners
                        }
                    }
                }
            } finally {
                drainer = null;
                draining.set(false);
            }
        }
    }

    /**
     * Delivers queued events and waits (up to {@code timeoutNanos}) until another thread that is
     * delivering has delivered them too, so that a listener removed right after this call has seen
     * every event posted before it. Call without locks held; from a listener it only drains.
     *
     * @return whether everything posted before the call was delivered in time
     */
    public boolean drainAndWait(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        drain();
        if (drainer == Thread.currentThread()) {
            return queue.isEmpty();   // called from a listener: the outer drain delivers the rest
        }
        while (!queue.isEmpty() || draining.get()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
            Thread.yield();
            drain();
        }
        return true;
    }
}
