package dev.whitemagic.engine.memory;

import java.util.Locale;
import java.util.Optional;

/**
 * How {@link MemoryConsolidator#smartConsolidate} groups memories.
 *
 * <pre>{@code
 * ConsolidationStrategy s = ConsolidationStrategy.fromName("by_similarity").orElseThrow();
 * }</pre>
 */
public enum ConsolidationStrategy {
    /** Memories created on the same day (UTC). */
    BY_DATE,
    /** Memories with exactly the same set of tags (ignoring case); untagged ones are left alone. */
    BY_TAGS,
    /** Near-duplicates: Jaccard similarity of word shingles at least {@code minSimilarity}, found with MinHash/LSH. */
    BY_SIMILARITY;

    /** The seed's name: {@code by_date}, {@code by_tags}, {@code by_similarity}. */
    public String seedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy for a seed name or enum name, any case. */
    public static Optional<ConsolidationStrategy> fromName(String name) {
        for (ConsolidationStrategy s : values()) {
            if (s.name().equalsIgnoreCase(name) || s.seedName().equalsIgnoreCase(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
