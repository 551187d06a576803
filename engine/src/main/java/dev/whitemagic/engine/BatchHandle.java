package dev.whitemagic.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running batch: its progress, the results as they complete, a way to stop it, and the whole
 * result when it ends. Every long operation of the engine returns one.
 *
 * <pre>{@code
 * BatchHandle<FileResult> run = reader.start(paths);
 * List<FileResult> firstOnes = run.completedSince(0);   // as completed, no waiting
 * run.cancel();                                          // or let it finish
 * List<FileResult> all = run.result().join();            // input order
 * }</pre>
 *
 * @param <T> the result of one item
 */
public interface BatchHandle<T> {

    /** A name for people ("read 2,000 files"). */
    String name();

    /** Progress now. Cheap; call it as often as you like. */
    Progress progress();

    /**
     * Results completed so far, in completion order, from position {@code from} on: a UI keeps
     * the count it has and asks for the rest at each refresh, so updates come in batches.
     */
    List<T> completedSince(int from);

    /**
     * Stops the batch: items not yet started are skipped, running ones are interrupted. The
     * {@link #result()} then completes with the items that did finish.
     */
    void cancel();

    /**
     * Why the batch has not started yet, when it waits (its job is queued behind others, or the
     * queue is paused); empty once it runs or for batches that start at once.
     */
    default Optional<String> waitingFor() {
        return Optional.empty();
    }

    /** Whether {@link #cancel()} was called. */
    boolean isCancelled();

    /** Whether every item has finished or the batch was cancelled and has wound down: {@link #result()} is done. */
    default boolean isDone() {
        return result().isDone();
    }

    /**
     * The results of every finished item in input order; completes when the batch ends. After a
     * cancel, items that did not finish are left out.
     */
    CompletableFuture<List<T>> result();
}
