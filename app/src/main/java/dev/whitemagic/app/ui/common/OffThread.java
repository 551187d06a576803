package dev.whitemagic.app.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one port through which a view model has work done off the FX thread: {@code work} runs
 * elsewhere, its result (or failure) comes back on the FX thread. The pane passes
 * {@link #FX} ({@link UiTasks#supply}); tests pass {@link #INLINE} and need no toolkit.
 */
@FunctionalInterface
public interface OffThread {

    <T> void run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed);

    /** Off the FX thread, back on it: the workbench's. */
    OffThread FX = UiTasks::supply;

    /** On the calling thread, at once: for tests without the toolkit. */
    OffThread INLINE = OffThread::inline;

    private static <T> void inline(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        T value;
        try {
            value = work.call();
        } catch (Exception e) {
            failed.accept(e);
            return;
        }
        done.accept(value);
    }
}
