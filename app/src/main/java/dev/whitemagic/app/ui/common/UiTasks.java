package dev.whitemagic.app.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    public static <T> void supply(java.util.concurrent.Callable<T> work, Consumer<T> onDone, Consumer<Exception> onError) {
        LONG.execute(() -> {
            try {
                T value = work.call();
                Platform.runLater(() -> onDone.accept(value));
            } catch (Exception e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
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
        var done = new java.util.concurrent.CountDownLatch(1);
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
