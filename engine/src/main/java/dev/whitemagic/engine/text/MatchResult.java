package dev.whitemagic.engine.text;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counts of every pattern in one file: one row of the patterns × files matrix.
 *
 * <pre>{@code
 * MatchResult r = results.get(0);
 * r.counts().get(0);          // occurrences of the first pattern
 * r.byPattern(patterns);      // {"async"=3, "await"=5}
 * }</pre>
 *
 * @param path         the file
 * @param counts       occurrences per pattern, in the order the patterns were given
 * @param binary       skipped as binary
 * @param bytes        bytes of the file
 * @param errorMessage why the file could not be read, or {@code null}
 */
public record MatchResult(Path path, List<Long> counts, boolean binary, long bytes, String errorMessage) {

    public MatchResult {
        counts = List.copyOf(counts);
    }

    static MatchResult failed(Path path, int patterns, String message) {
        return new MatchResult(path, Collections.nCopies(patterns, 0L), false, 0, message);
    }

    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }

    /** All occurrences of all patterns. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** The counts keyed by pattern (patterns as given to {@link MultiPattern#patterns()}). */
    public Map<String, Long> byPattern(List<String> patterns) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < patterns.size() && i < counts.size(); i++) {
            out.merge(patterns.get(i), counts.get(i), Long::sum);
        }
        return out;
    }
}
