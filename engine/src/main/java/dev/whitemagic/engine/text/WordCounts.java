package dev.whitemagic.engine.text;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The word counts of one file, from {@link TextKernels#index}.
 *
 * <pre>{@code
 * WordCounts w = kernels.index(paths).result().join().get(0);
 * long the = w.counts().getOrDefault("the", 0L);
 * }</pre>
 *
 * @param path         the file
 * @param counts       lower-cased word → occurrences
 * @param words        words in the file
 * @param binary       skipped as binary
 * @param bytes        bytes of the file
 * @param errorMessage why the file could not be read, or {@code null}
 */
public record WordCounts(Path path, Map<String, Long> counts, long words, boolean binary, long bytes,
        String errorMessage) {

    public WordCounts {
        counts = Map.copyOf(counts);
    }

    static WordCounts failed(Path path, String message) {
        return new WordCounts(path, Map.of(), 0, false, 0, message);
    }

    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }
}
