package dev.whitemagic.engine.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * One stage: its name, what it does, how many workers run it at once, the longest one item may
 * take, and what happens when an item fails.
 *
 * <pre>{@code
 * StageSpec read = StageSpec.of("read", StageFunction.map(Files::readString))
 *         .workers(64).timeout(Duration.ofSeconds(5)).onError(ErrorPolicy.retry(1)).build();
 * }</pre>
 *
 * @param name     unique within its pipeline
 * @param function the work
 * @param workers  workers at once, at least 1
 * @param timeout  the longest one item may take (the worker is interrupted); null for none
 * @param policy   skip (default), retry or fail the run
 */
public record StageSpec(String name, StageFunction<Object, Object> function, int workers, Duration timeout,
        ErrorPolicy policy) {

    /** Validates. */
    public StageSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(policy, "policy");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a stage needs a name");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("stage '" + name + "' needs at least 1 worker, got " + workers);
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("stage '" + name + "': the timeout must be positive, got " + timeout);
        }
    }

    /** A builder: 1 worker, no timeout, skip failed items. */
    @SuppressWarnings("unchecked")
    public static Builder of(String name, StageFunction<?, ?> function) {
        return new Builder(name, (StageFunction<Object, Object>) function);
    }

    /** Builds a {@link StageSpec}. */
    public static final class Builder {
        private final String name;
        private final StageFunction<Object, Object> function;
        private int workers = 1;
        private Duration timeout;
        private ErrorPolicy policy = ErrorPolicy.skip();

        private Builder(String name, StageFunction<Object, Object> function) {
            this.name = name;
            this.function = function;
        }

        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder onError(ErrorPolicy value) {
            this.policy = value;
            return this;
        }

        public StageSpec build() {
            return new StageSpec(name, function, workers, timeout, policy);
        }
    }
}
