package dev.whitemagic.engine.pipeline.ops;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How close a file is to a reference text.
 *
 * @param path    the file
 * @param jaccard Jaccard similarity of the word sets
 * @param cosine  TF-IDF-free cosine of the word counts
 */
public record Score(Path path, double jaccard, double cosine) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s jaccard=%.3f cosine=%.3f", path, jaccard, cosine);
    }
}
