package dev.whitemagic.engine.text;

import java.nio.file.Path;

/**
 * Two documents of a batch whose token sets are at least as similar as the threshold.
 *
 * <pre>{@code
 * Similarity.nearDuplicates(docs, 0.9, executor).forEach(p -> System.out.println(p.first() + " ~ " + p.second()));
 * }</pre>
 *
 * @param first   the earlier document in the batch
 * @param second  the later one
 * @param jaccard Jaccard similarity of their token sets
 */
public record DuplicatePair(Path first, Path second, double jaccard) {}
