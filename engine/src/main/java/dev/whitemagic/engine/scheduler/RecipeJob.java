package dev.whitemagic.engine.scheduler;

import java.util.Map;
import java.util.function.Function;

/**
 * The job of a task read back from the job history: its real job was lost with the process, so it
 * is made again from the task's recipe, with the factory registered for the recipe's type when it
 * runs. Without a recipe, or with a type nobody registered, the task cannot be run again.
 */
final class RecipeJob<T> implements Job<T> {
    private final String taskName;
    private final JobRecipe recipe;
    private final Map<String, Function<Map<String, String>, Job<?>>> factories;

    RecipeJob(String taskName, JobRecipe recipe, Map<String, Function<Map<String, String>, Job<?>>> factories) {
        this.taskName = taskName;
        this.recipe = recipe;
        this.factories = factories;
    }

    /** Whether the job can be made: a recipe whose type has a factory. */
    boolean known() {
        return recipe != null && factories.containsKey(recipe.type());
    }

    /** Why it cannot be run again. */
    String unknownReason() {
        String why = recipe == null ? "" : " (no recipe of type '" + recipe.type() + "' is registered)";
        return "'" + taskName + "' cannot be run again: its work is not known after a restart" + why;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T run(JobContext context) throws Exception {
        Function<Map<String, String>, Job<?>> factory = recipe == null ? null : factories.get(recipe.type());
        if (factory == null) {
            throw new IllegalStateException(unknownReason());
        }
        Job<?> job = factory.apply(recipe.params());
        if (job == null) {
            throw new IllegalStateException("recipe '" + recipe.type() + "' made no job for '" + taskName + "'");
        }
        return (T) job.run(context);
    }
}
