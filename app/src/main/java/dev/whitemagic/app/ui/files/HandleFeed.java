package dev.whitemagic.app.ui.files;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Feeds a running batch's results to the FX thread in batches: each {@link #poll()} (from the
 * pane's timeline) hands over everything completed since the last one.
 */
final class HandleFeed<T> {

    private final BatchHandle<T> handle;
    private final Consumer<List<T>> sink;
    private final Consumer<Progress> onDone;
    private int taken;
    private boolean finished;

    HandleFeed(BatchHandle<T> handle, Consumer<List<T>> sink, Consumer<Progress> onDone) {
        this.handle = handle;
        this.sink = sink;
        this.onDone = onDone;
    }

    /** Returns false once the batch has ended and everything was handed over. */
    boolean poll() {
        if (finished) {
            return false;
        }
        List<T> fresh = handle.completedSince(taken);
        if (!fresh.isEmpty()) {
            taken += fresh.size();
            sink.accept(fresh);
        }
        if (handle.isDone() && handle.completedSince(taken).isEmpty()) {
            finished = true;
            onDone.accept(handle.progress());
            return false;
        }
        return true;
    }

    void cancel() {
        handle.cancel();
    }
}
