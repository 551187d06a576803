package dev.whitemagic.engine.pipeline;

import java.util.Objects;

/**
 * What a stage does when an item fails: skip it (the default; the error is recorded), try it
 * again up to {@code retries} more times, or fail the whole run.
 *
 * <pre>{@code
 * pipeline.addStage(StageSpec.of("fetch", fetch).workers(64).onError(ErrorPolicy.retry(2)));
 * }</pre>
 *
 * @param action  skip, retry or fail
 * @param retries further attempts after the first (RETRY only)
 */
public record ErrorPolicy(Action action, int retries) {

    /** What to do with a failed item. */
    public enum Action {
        /** Record the error and go on with the next item. */
        SKIP,
        /** Try again; after the last attempt, record the error and go on. */
        RETRY,
        /** Record the error and stop the run: it ends unsuccessful. */
        FAIL
    }

    /** Validates. */
    public ErrorPolicy {
        Objects.requireNonNull(action, "action");
        if (retries < 0 || (action != Action.RETRY && retries != 0)) {
            throw new IllegalArgumentException("retries must be 0, or at least 1 with RETRY; got " + retries);
        }
    }

    /** Record and go on. */
    public static ErrorPolicy skip() {
        return new ErrorPolicy(Action.SKIP, 0);
    }

    /** Try {@code retries} more times, then record and go on. */
    public static ErrorPolicy retry(int retries) {
        if (retries < 1) {
            throw new IllegalArgumentException("retry needs at least 1 retry, got " + retries);
        }
        return new ErrorPolicy(Action.RETRY, retries);
    }

    /** Stop the run at the first failed item. */
    public static ErrorPolicy failRun() {
        return new ErrorPolicy(Action.FAIL, 0);
    }

    /** Attempts in all for one item. */
    public int attempts() {
        return 1 + retries;
    }
}
