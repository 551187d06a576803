package dev.whitemagic.engine.pipeline;

import dev.whitemagic.engine.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A pipeline run in progress: live figures, a way to stop it, and the result when it ends.
 *
 * <pre>{@code
 * PipelineRun run = pipeline.start(List.of(1, 2, 3));
 * run.subscribe(s -> show(s.stages()));    // a few times a second, and at the end
 * PipelineResult r = run.result().join();
 * }</pre>
 */
public interface PipelineRun {

    /** The figures now. */
    PipelineSnapshot snapshot();

    /** Snapshots a few times a second while running, and the final one; close to stop. */
    Subscription subscribe(Consumer<? super PipelineSnapshot> listener);

    /** Stops the run: workers are interrupted; the result says "cancelled" and keeps what finished. */
    void cancel();

    /** Completes when the run ends (never exceptionally). */
    CompletableFuture<PipelineResult> result();
}
