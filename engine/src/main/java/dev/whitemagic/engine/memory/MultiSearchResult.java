package dev.whitemagic.engine.memory;

import java.util.List;

/**
 * The answer of {@link ParallelMemoryManager#parallelSearch}: each query's own results, and one
 * merged list. With deduplication a memory found by several queries appears once in the merged
 * list, with its best score (and that hit's preview) and every query that found it; without, the
 * merged list holds every hit of every query, each with its one query. Merged hits are best first.
 *
 * <pre>{@code
 * MultiSearchResult r = manager.parallelSearch(List.of("deploy", "bug fix"), true, 8);
 * r.perQuery().forEach(q -> System.out.println(q.query() + ": " + q.hits().size()));
 * for (MultiSearchResult.MergedHit m : r.merged()) {
 *     System.out.println(m.hit().title() + " " + m.bestScore() + " found by " + m.queries());
 * }
 * }</pre>
 *
 * @param perQuery     one per query, in input order
 * @param merged       the merged hits, best score first
 * @param deduplicated whether {@code merged} holds each memory once
 */
public record MultiSearchResult(List<QueryResult> perQuery, List<MergedHit> merged, boolean deduplicated) {

    public MultiSearchResult {
        perQuery = List.copyOf(perQuery);
        merged = List.copyOf(merged);
    }

    /**
     * One query's results.
     *
     * @param query the query as given
     * @param hits  its hits, best first
     * @param error why it failed, or {@code null} (an invalid syntax is not a failure: it is searched as text)
     */
    public record QueryResult(String query, List<SearchHit> hits, String error) {
        public QueryResult {
            hits = List.copyOf(hits);
        }
    }

    /**
     * One memory in the merged list.
     *
     * @param hit       the best-scoring hit for this memory (its preview is that query's)
     * @param bestScore the best score any query gave it
     * @param queries   the queries that found it, in input order
     */
    public record MergedHit(SearchHit hit, float bestScore, List<String> queries) {
        public MergedHit {
            queries = List.copyOf(queries);
        }

        public String id() {
            return hit.id();
        }
    }
}
