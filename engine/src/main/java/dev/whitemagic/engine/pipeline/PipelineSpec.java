package dev.whitemagic.engine.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline as saved in a file: its stages (each an operation with parameters, workers, an error
 * policy and its place on the editor's canvas), the connections between them, and run options.
 * Read, checked, written and turned into a {@link ParallelPipeline} by {@link PipelineSpecs}.
 *
 * <pre>{@code
 * {
 *   "schema": 1, "name": "Word count",
 *   "input": ["src"],
 *   "options": {"queueCapacity": 256, "keepOrder": false},
 *   "stages": [
 *     {"id": "list", "operation": "list-files", "workers": 1, "params": {"extensions": ["java"]}, "x": 40, "y": 80},
 *     {"id": "read", "operation": "read-file", "workers": 8, "onError": "skip", "timeoutMillis": 5000}
 *   ],
 *   "edges": [{"from": "list", "to": "read"}]
 * }
 * }</pre>
 *
 * @param schema      the file format's version ({@link #SCHEMA})
 * @param name        a name for people
 * @param description what it is for
 * @param input       the default input (paths or texts) when a run is given none
 * @param options     run options
 * @param stages      the stages
 * @param edges       the connections
 */
public record PipelineSpec(int schema, String name, String description, List<String> input, Options options,
        List<Stage> stages, List<Edge> edges) {

    /** The version of the file format this engine writes and reads. */
    public static final int SCHEMA = 1;

    /** Copies the lists. */
    public PipelineSpec {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        input = input == null ? List.of() : List.copyOf(input);
        options = options == null ? Options.defaults() : options;
        stages = stages == null ? List.of() : List.copyOf(stages);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    /**
     * Run options.
     *
     * @param queueCapacity each stage's input queue
     * @param keepOrder     final results in input order
     */
    public record Options(int queueCapacity, boolean keepOrder) {
        /** 256, unordered. */
        public static Options defaults() {
            return new Options(ParallelPipeline.DEFAULT_QUEUE_CAPACITY, false);
        }
    }

    /**
     * One stage.
     *
     * @param id            unique in the pipeline; edges name it
     * @param operation     the operation's id in the {@link dev.whitemagic.engine.pipeline.ops.OperationRegistry}
     * @param workers       workers at once
     * @param params        parameter values (strings, numbers, booleans, lists of strings)
     * @param onError       "skip", "fail" or "retry:N"
     * @param timeoutMillis the longest one item may take; 0 for no limit
     * @param x             its place on the canvas
     * @param y             its place on the canvas
     */
    public record Stage(String id, String operation, int workers, Map<String, Object> params, String onError,
            long timeoutMillis, double x, double y) {

        /** Copies the parameters. */
        public Stage {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(operation, "operation");
            params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
            onError = onError == null || onError.isBlank() ? "skip" : onError;
        }

        /** This stage with other parameter values. */
        public Stage withParams(Map<String, Object> values) {
            return new Stage(id, operation, workers, values, onError, timeoutMillis, x, y);
        }

        /** This stage at another place. */
        public Stage at(double newX, double newY) {
            return new Stage(id, operation, workers, params, onError, timeoutMillis, newX, newY);
        }
    }

    /**
     * A connection: every output of {@code from} goes to {@code to}.
     *
     * @param from a stage id
     * @param to   a stage id
     */
    public record Edge(String from, String to) {
    }
}
