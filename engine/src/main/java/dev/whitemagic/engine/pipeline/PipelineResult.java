package dev.whitemagic.engine.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a run (the seed's {@code PipelineResult}, plus the per-item errors).
 *
 * @param finalResults  what the last stages emitted (in input order when the pipeline keeps order)
 * @param stages        per-stage results, in the order the stages were added
 * @param errors        every item that failed, with its stage
 * @param totalDuration the whole run
 * @param success       false when a stage with {@link ErrorPolicy#failRun()} failed or the run was cancelled
 * @param error         why it did not succeed, else null
 */
public record PipelineResult(List<Object> finalResults, List<StageResult> stages, List<ItemError> errors,
        Duration totalDuration, boolean success, String error) {

    /** Copies the lists. */
    public PipelineResult {
        finalResults = Collections.unmodifiableList(new ArrayList<>(finalResults));
        stages = List.copyOf(stages);
        errors = List.copyOf(errors);
    }

    /** The result of the named stage. */
    public Optional<StageResult> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
