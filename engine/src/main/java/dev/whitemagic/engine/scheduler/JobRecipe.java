package dev.whitemagic.engine.scheduler;

import java.util.Map;
import java.util.Objects;

/**
 * How to make a task's job again from plain data, so that a task read back from the job history
 * after a restart can be {@linkplain ParallelScheduler#rerun(long) run again}. The scheduler
 * turns a recipe into a job with the factory registered for its type
 * ({@link ParallelScheduler.Builder#recipe}, {@link ParallelScheduler#registerRecipe}).
 *
 * <pre>{@code
 * scheduler.registerRecipe("read", p -> ctx -> reader.readAll(Path.of(p.get("dir")), ctx));
 * scheduler.addTask(TaskSpec.of("read docs", ctx -> reader.readAll(docs, ctx))
 *         .recipe("read", Map.of("dir", docs.toString()))
 *         .build());
 * }</pre>
 *
 * @param type   the factory's name
 * @param params the factory's input, kept as text in the history
 */
public record JobRecipe(String type, Map<String, String> params) {

    /** Validates and copies the parameters (no null keys or values). */
    public JobRecipe {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("recipe type must not be blank");
        }
        params = Map.copyOf(params);
    }
}
