package dev.whitemagic.engine.text;

import java.nio.file.Path;

/**
 * How similar one document is to the query: TF-IDF cosine and Jaccard on token sets, both 0..1.
 *
 * <pre>{@code
 * for (SimilarityScore s : Similarity.rank(query, docs, 5)) {
 *     System.out.printf("%.3f %.3f %s%n", s.cosine(), s.jaccard(), s.path());
 * }
 * }</pre>
 *
 * @param path    the document
 * @param cosine  TF-IDF cosine similarity
 * @param jaccard Jaccard similarity of the token sets
 */
public record SimilarityScore(Path path, double cosine, double jaccard) {}
