package dev.whitemagic.engine.memory;

import java.util.List;

/**
 * What {@link MemoryConsolidator#smartConsolidate} planned and, unless a dry run, did.
 *
 * <pre>{@code
 * ConsolidationPlan plan = consolidator.smartConsolidate(ConsolidationStrategy.BY_SIMILARITY, 0.8, 10, true);
 * ConsolidationPlan done = consolidator.apply(plan.groups().subList(0, 1));  // the ones chosen
 * done.mergedIds();                                                           // the new memories
 * }</pre>
 *
 * @param strategy  how the groups were made
 * @param groups    the groups
 * @param dryRun    whether nothing was changed
 * @param mergedIds for an applied plan, the id of each group's merged memory (same order); empty for a dry run
 */
public record ConsolidationPlan(ConsolidationStrategy strategy, List<ConsolidationGroup> groups, boolean dryRun,
        List<String> mergedIds) {

    public ConsolidationPlan {
        groups = List.copyOf(groups);
        mergedIds = List.copyOf(mergedIds);
    }

    /** How many memories the groups hold. */
    public int memoryCount() {
        return groups.stream().mapToInt(g -> g.memoryIds().size()).sum();
    }
}
