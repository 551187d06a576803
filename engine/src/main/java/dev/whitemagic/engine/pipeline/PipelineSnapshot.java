package dev.whitemagic.engine.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running pipeline at one moment: every stage's live figures; published a few times a second
 * and once more at the end.
 *
 * @param stages   the stages, in the order they were added
 * @param elapsed  since the run started
 * @param finished whether this is the final snapshot
 */
public record PipelineSnapshot(List<StageStats> stages, Duration elapsed, boolean finished) {

    /** Copies the list. */
    public PipelineSnapshot {
        stages = List.copyOf(stages);
    }

    /**
     * The stage holding the run back: the unfinished stage with the fullest input queue (ties: the
     * most busy workers), or none when nothing is waiting.
     */
    public Optional<StageStats> bottleneck() {
        StageStats best = null;
        for (StageStats s : stages) {
            if (s.finished() || (s.queued() == 0 && s.busy() < s.workers())) {
                continue;
            }
            if (best == null || s.queueFill() > best.queueFill()
                    || (s.queueFill() == best.queueFill() && (double) s.busy() / s.workers() > (double) best.busy() / best.workers())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }
}
