package dev.whitemagic.engine.memory;

import java.util.List;

/**
 * What {@link MemoryConsolidator#consolidateShortTerm} did (or, in a dry run, would do).
 *
 * <pre>{@code
 * ShortTermConsolidation r = consolidator.consolidateShortTerm(Duration.ofDays(30), false);
 * System.out.println(r.promoted().size() + " promoted, " + r.archived().size() + " archived into " + r.summaryId());
 * }</pre>
 *
 * @param promoted  ids moved to long-term (tagged heuristic, pattern, proven, decision or insight)
 * @param archived  ids archived after being gathered into the summary
 * @param summaryId the "Consolidated Insights — date" memory, or {@code null} when nothing was gathered (or a dry run)
 * @param dryRun    whether nothing was changed
 */
public record ShortTermConsolidation(List<String> promoted, List<String> archived, String summaryId, boolean dryRun) {

    public ShortTermConsolidation {
        promoted = List.copyOf(promoted);
        archived = List.copyOf(archived);
    }
}
