package dev.whitemagic.engine.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntSupplier;

/**
 * Runs each task on a new virtual thread, with at most {@code limit} running at once; the rest
 * wait in FIFO order. The limit is read at every start, so changing it (a new tier) takes effect
 * as running tasks finish.
 */
public final class LimitedExecutor implements Executor {

    private final IntSupplier limit;
    private final Thread.Builder threads;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;
    private boolean shutdown;

    public LimitedExecutor(String name, IntSupplier limit) {
        this.limit = limit;
        this.threads = Thread.ofVirtual().name(name + "-", 0);
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("the engine is closed");
            }
            if (running >= Math.max(1, limit.getAsInt())) {
                waiting.add(task);
                return;
            }
            running++;
        }
        start(task);
    }

    private void start(Runnable task) {
        threads.start(() -> {
            Runnable next = task;
            while (next != null) {
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
                }
                next = takeNext();
            }
        });
    }

    /** Hands the finishing thread the next waiting task, unless the limit has shrunk. */
    private synchronized Runnable takeNext() {
        int max = Math.max(1, limit.getAsInt());
        Runnable next = !shutdown && running <= max ? waiting.poll() : null;
        if (next == null) {
            running--;
        }
        // A raised limit lets more start than this thread alone can take.
        while (!shutdown && running < max && !waiting.isEmpty()) {
            running++;
            start(waiting.poll());
        }
        return next;
    }

    /** Tasks running now. */
    public synchronized int running() {
        return running;
    }

    /** Tasks waiting for a place. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Refuses new tasks and drops the waiting ones; running ones finish. */
    public synchronized void shutdown() {
        shutdown = true;
        waiting.clear();
    }
}
