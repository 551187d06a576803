package dev.whitemagic.engine.memory;

import java.util.List;

/**
 * Memories planned to be merged into one: see {@link MemoryConsolidator#smartConsolidate}.
 *
 * <pre>{@code
 * for (ConsolidationGroup g : plan.groups()) {
 *     System.out.println(g.key() + ": " + g.titles() + " -> " + g.mergedTitle());
 * }
 * }</pre>
 *
 * @param key           what the members share: a date, a tag set, or "similar to <title>"
 * @param memoryIds     the members, oldest first (at least two)
 * @param titles        their titles, same order
 * @param minSimilarity for {@link ConsolidationStrategy#BY_SIMILARITY}, the lowest exact Jaccard
 *                      similarity among the verified pairs of the near-duplicate cluster this group
 *                      came from (before splitting by size); otherwise 0
 * @param mergedTitle   the title the merged memory will get
 */
public record ConsolidationGroup(String key, List<String> memoryIds, List<String> titles, double minSimilarity,
        String mergedTitle) {

    public ConsolidationGroup {
        memoryIds = List.copyOf(memoryIds);
        titles = List.copyOf(titles);
    }
}
