package dev.whitemagic.engine.pipeline.ops;

import dev.whitemagic.engine.pipeline.StageFunction;
import java.util.List;

/**
 * A building block of pipelines: what it takes and makes, its parameters, and how to make the
 * stage function from parameter values. The built-in ones are in {@link OperationRegistry};
 * others plug in through {@link OperationProvider}.
 *
 * <pre>{@code
 * Operation grep = OperationRegistry.builtIn().find("grep").orElseThrow();
 * StageFunction<Object, Object> fn = grep.create(new Parameters(grep.parameters(), Map.of("pattern", "TODO")), ctx);
 * }</pre>
 */
public interface Operation {

    /** The id used in pipeline files ("read-file"). */
    String id();

    /** A name for people ("Read file"). */
    String title();

    /** One sentence on what it does. */
    String description();

    /** A group for the palette ("Files", "Text", "Memory", "Flow"). */
    String category();

    /** What it takes. */
    DataType input();

    /** What it makes; {@link DataType#SAME} when it passes its input type on. */
    DataType output();

    /** Its parameters. */
    List<Parameter> parameters();

    /** Workers a new stage of it gets. */
    default int defaultWorkers() {
        return 4;
    }

    /** Whether it folds all its input into results emitted at the end (one worker is enough). */
    default boolean aggregates() {
        return false;
    }

    /**
     * Makes the stage function.
     *
     * @throws IllegalArgumentException when a parameter value is invalid, with a message naming it
     */
    StageFunction<Object, Object> create(Parameters params, OperationContext context);
}
