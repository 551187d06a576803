package dev.whitemagic.engine.text;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The terms of one document for similarity: lower-cased words ({@code [A-Za-z_][A-Za-z0-9_]*},
 * as {@link WordIndex}) and how often each occurs.
 *
 * <pre>{@code
 * TermVector query = TermVector.of("parallel file reading");
 * List<TermVector> docs = kernels.terms(paths).result().join();
 * List<SimilarityScore> best = Similarity.rank(query, docs, 10);
 * }</pre>
 *
 * @param path         the file, or {@code null} for a text
 * @param terms        term → occurrences
 * @param tokens       tokens in the document
 * @param bytes        bytes of the file
 * @param errorMessage why the file could not be read (or was binary), or {@code null}
 */
public record TermVector(Path path, Map<String, Long> terms, long tokens, long bytes, String errorMessage) {

    public TermVector {
        terms = Map.copyOf(terms);
    }

    /** The term vector of a text. */
    public static TermVector of(String text) {
        Map<String, Long> counts = WordIndex.count(text);
        return new TermVector(null, counts, counts.values().stream().mapToLong(Long::longValue).sum(),
                text.length(), null);
    }

    static TermVector failed(Path path, String message) {
        return new TermVector(path, Map.of(), 0, 0, message);
    }

    static TermVector ofFile(Path path, ChunkReader reader) {
        Map<String, long[]> counts = new HashMap<>();
        long[] words = {0};
        byte[] scratch = new byte[64];
        ChunkReader.Outcome o = reader.read(path, (buf, len, lineEnd, eof) -> {
            words[0] += WordIndex.count(buf, 0, lineEnd, counts, scratch);
            return lineEnd;
        });
        if (o.error() != null) {
            return failed(path, o.error());
        }
        if (o.binary()) {
            return new TermVector(path, Map.of(), 0, o.size(), BINARY);
        }
        return new TermVector(path, WordIndex.unbox(counts), words[0], o.size(), null);
    }

    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }

    /** Whether the file was skipped as binary (its {@link #error()} says so; not a failure to read it). */
    public boolean binary() {
        return BINARY.equals(errorMessage);
    }

    private static final String BINARY = "binary file (not compared)";
}
