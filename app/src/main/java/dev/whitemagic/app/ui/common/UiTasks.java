package dev.whitemagic.app.ui.common;

import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.scheduler.Jobs;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;

/**
 * The one way the UI runs work off the FX thread: I/O of the app itself (saving settings) and,
 * later, calls into the engine. Results come back on the FX thread.
 */
public final class UiTasks {

    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "whitemagic-ui-background");
        t.setDaemon(true);
        return t;
    });

    /** Long work a pane starts (expanding folders, a word index): never on the settings thread. */
    private static final ExecutorService LONG = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "whitemagic-ui-work");
        t.setDaemon(true);
        return t;
    });

    private UiTasks() {}

    /**
     * Runs {@code work} off the FX thread and hands its result to {@code onDone} on the FX thread,
     * or its failure to {@code onError}.
     */
    public static <T> void supply(Callable<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        LONG.execute(() -> {
            try {
                T value = work.call();
                Platform.runLater(() -> onDone.accept(value));
            } catch (Exception e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    /**
     * Runs {@code work} as a job of the engine's queue (so the Scheduler pane shows it) and hands
     * its result to {@code onDone} on the FX thread, or its failure (a cancellation included) to
     * {@code onError}.
     */
    public static <T> void job(WhiteMagicEngine engine, String name, String kind, TaskPriority priority,
            Callable<T> work, Function<? super T, String> summary, Consumer<T> onDone,
            Consumer<Exception> onError) {
        Jobs.JobHandle<T> handle;
        try {
            handle = engine.jobs().call(name, kind, priority, ctx -> work.call(), summary);
        } catch (RuntimeException e) {
            Platform.runLater(() -> onError.accept(e)); // the engine is closing
            return;
        }
        handle.result().whenComplete((value, error) -> Platform.runLater(() -> {
            if (error == null) {
                onDone.accept(value);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                onError.accept(cause instanceof Exception e ? e : new IllegalStateException(cause));
            }
        }));
    }

    /** Runs {@code work} in the background; a failure is handed to {@code onError} on the FX thread. */
    public static void run(ThrowingRunnable work, Consumer<Exception> onError) {
        BACKGROUND.execute(() -> {
            try {
                work.run();
            } catch (Exception e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    /** Waits up to {@code millis} for the work already handed in (used on exit so a save is not lost). */
    public static void drain(long millis) {
        var done = new CountDownLatch(1);
        BACKGROUND.execute(done::countDown);
        try {
            done.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Work that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
