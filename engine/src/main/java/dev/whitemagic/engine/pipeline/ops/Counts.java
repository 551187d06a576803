package dev.whitemagic.engine.pipeline.ops;

import java.util.Collections;
import java.util.Map;

/**
 * Counts by key: the words of a file, the patterns found in it, or a merge of many.
 *
 * @param source what was counted (a file, or "all" for a merge)
 * @param counts the counts, most frequent first when they come from top-N; read-only
 */
public record Counts(String source, Map<String, Long> counts) {

    /**
     * Takes the map as it is, read-only but not copied (a pipeline makes one per file: a copy
     * each would cost more than the counting): pass a map nobody changes afterwards.
     */
    public Counts {
        counts = Collections.unmodifiableMap(counts);
    }

    /** The sum of all counts. */
    public long total() {
        long t = 0;
        for (long c : counts.values()) {
            t += c;
        }
        return t;
    }

    @Override
    public String toString() {
        return source + " " + counts;
    }
}
