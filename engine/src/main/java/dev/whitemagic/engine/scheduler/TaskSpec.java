package dev.whitemagic.engine.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What to run and how: name, kind, priority, dependencies, timeout, retries, and whether to run
 * even when a dependency failed. Build one with {@link #of(String, Job)} or
 * {@link #ofCallable(String, Callable)}.
 *
 * <pre>{@code
 * long read = scheduler.addTask(TaskSpec.of("read docs", ctx -> reader.readAll(ctx)).kind("read").build());
 * long index = scheduler.addTask(TaskSpec.of("index docs", ctx -> index())
 *         .priority(TaskPriority.LOW)
 *         .dependsOn(read)
 *         .timeout(Duration.ofMinutes(5))
 *         .retry(RetryPolicy.of(3, Duration.ofSeconds(1)))
 *         .build());
 * }</pre>
 *
 * @param name         a name for people
 * @param kind         a kind for filtering; "task" by default
 * @param priority     the priority; NORMAL by default
 * @param dependencies ids of tasks that must end first
 * @param job          the work
 * @param timeout      the longest one attempt may run; null for no limit
 * @param retry        the retry policy; {@link RetryPolicy#none()} by default
 * @param runAnyway    run even when a dependency failed or was cancelled (default: cancel)
 * @param recipe       how to make the job again after a restart; null when it cannot be
 * @param <T>          the result
 */
public record TaskSpec<T>(String name, String kind, TaskPriority priority, List<Long> dependencies,
        Job<T> job, Duration timeout, RetryPolicy retry, boolean runAnyway, JobRecipe recipe) {

    /** Validates and copies the dependencies. */
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(retry, "retry");
        dependencies = List.copyOf(dependencies);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** A spec without a recipe: its task cannot be run again after a restart. */
    public TaskSpec(String name, String kind, TaskPriority priority, List<Long> dependencies,
            Job<T> job, Duration timeout, RetryPolicy retry, boolean runAnyway) {
        this(name, kind, priority, dependencies, job, timeout, retry, runAnyway, null);
    }

    /** A builder for a job that receives its context. */
    public static <T> Builder<T> of(String name, Job<T> job) {
        return new Builder<>(name, job);
    }

    /** A builder for a plain callable (the seed's function). */
    public static <T> Builder<T> ofCallable(String name, Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        return new Builder<>(name, ctx -> callable.call());
    }

    /**
     * Builds a {@link TaskSpec}.
     *
     * <pre>{@code
     * TaskSpec<String> s = TaskSpec.of("x", ctx -> "done").priority(TaskPriority.HIGH).build();
     * }</pre>
     *
     * @param <T> the result
     */
    public static final class Builder<T> {
        private final String name;
        private final Job<T> job;
        private String kind = "task";
        private TaskPriority priority = TaskPriority.NORMAL;
        private final List<Long> dependencies = new ArrayList<>();
        private Duration timeout;
        private RetryPolicy retry = RetryPolicy.none();
        private boolean runAnyway;
        private JobRecipe recipe;

        private Builder(String name, Job<T> job) {
            this.name = Objects.requireNonNull(name, "name");
            this.job = Objects.requireNonNull(job, "job");
        }

        /** The kind, for filtering. */
        public Builder<T> kind(String value) {
            kind = Objects.requireNonNull(value, "kind");
            return this;
        }

        /** The priority. */
        public Builder<T> priority(TaskPriority value) {
            priority = Objects.requireNonNull(value, "priority");
            return this;
        }

        /** Adds tasks that must end before this one starts. */
        public Builder<T> dependsOn(long... ids) {
            for (long id : ids) {
                dependencies.add(id);
            }
            return this;
        }

        /** The longest one attempt may run; it is then interrupted and the attempt fails. */
        public Builder<T> timeout(Duration value) {
            timeout = value;
            return this;
        }

        /** The retry policy. */
        public Builder<T> retry(RetryPolicy value) {
            retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /** Run even when a dependency failed or was cancelled. */
        public Builder<T> runAnyway(boolean value) {
            runAnyway = value;
            return this;
        }

        /**
         * How to make the job again from the job history after a restart: the type of a factory
         * registered on the scheduler, and its parameters.
         */
        public Builder<T> recipe(String type, Map<String, String> params) {
            return recipe(new JobRecipe(type, params));
        }

        /** How to make the job again after a restart; null for none (the default). */
        public Builder<T> recipe(JobRecipe value) {
            recipe = value;
            return this;
        }

        /** The spec. */
        public TaskSpec<T> build() {
            return new TaskSpec<>(name, kind, priority, dependencies, job, timeout, retry, runAnyway, recipe);
        }
    }
}
