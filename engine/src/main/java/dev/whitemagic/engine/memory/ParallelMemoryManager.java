package dev.whitemagic.engine.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's {@code ParallelMemoryManager}, done right: many searches at once on the one index,
 * batch create (atomic across crashes, or best effort with each failure reported) and batch
 * update.
 *
 * <pre>{@code
 * ParallelMemoryManager manager = new ParallelMemoryManager(store);
 * MultiSearchResult r = manager.parallelSearch(List.of("deployment", "bug fix", "feature"), true, 8);
 * BatchCreateResult b = manager.batchCreateMemories(List.of(
 *         MemoryDraft.of("Memory 1", "...", "tag1"),
 *         MemoryDraft.of("Memory 2", "...", "tag2")), true);
 * List<UpdateResult> u = manager.parallelUpdateMemories(List.of(MemoryUpdate.of(id).addTags("done")));
 * }</pre>
 */
public final class ParallelMemoryManager {

    /** Hits per query when not given. */
    public static final int DEFAULT_LIMIT = 20;

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final MemoryStore store;
    private final Executor executor;

    /** Runs searches on the store's executor. */
    public ParallelMemoryManager(MemoryStore store) {
        this(store, store.executor);
    }

    public ParallelMemoryManager(MemoryStore store, Executor executor) {
        this.store = Objects.requireNonNull(store);
        this.executor = Objects.requireNonNull(executor);
    }

    /** {@link #parallelSearch(List, boolean, int, MemoryType, Collection, boolean, int)} over all non-archived memories, {@value #DEFAULT_LIMIT} hits per query. */
    public MultiSearchResult parallelSearch(List<String> queries, boolean deduplicate, int maxConcurrent) {
        return parallelSearch(queries, deduplicate, maxConcurrent, null, List.of(), false, DEFAULT_LIMIT);
    }

    /**
     * Runs every query at once (at most {@code maxConcurrent} at a time, and no more than there
     * are cores) with the same filters, as {@link MemoryStore#search} does one.
     *
     * @param maxConcurrent at most this many queries run at once (at least 1; searches are CPU
     *                      work, so more than the number of cores run as many as there are cores)
     */
    public MultiSearchResult parallelSearch(List<String> queries, boolean deduplicate, int maxConcurrent,
            MemoryType type, Collection<String> tags, boolean includeArchived, int limitPerQuery) {
        List<String> qs = List.copyOf(queries);
        MultiSearchResult.QueryResult[] results = new MultiSearchResult.QueryResult[qs.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < qs.size(); ) {
                String q = qs.get(i);
                try {
                    results[i] = new MultiSearchResult.QueryResult(q,
                            store.search(q, type, tags, includeArchived, limitPerQuery), null);
                } catch (RuntimeException e) {
                    results[i] = new MultiSearchResult.QueryResult(q, List.of(),
                            e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
                }
            }
        };
        // A search is CPU work: more searches at once than cores only adds switching between them.
        int workers = Math.max(1, Math.min(Math.min(maxConcurrent, CORES), qs.size()));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            running.add(CompletableFuture.runAsync(worker, executor));
        }
        worker.run(); // the caller is one of the workers
        running.forEach(CompletableFuture::join);
        List<MultiSearchResult.QueryResult> perQuery = List.of(results);
        return new MultiSearchResult(perQuery, merge(perQuery, deduplicate), deduplicate);
    }

    static List<MultiSearchResult.MergedHit> merge(List<MultiSearchResult.QueryResult> perQuery, boolean deduplicate) {
        List<MultiSearchResult.MergedHit> out = new ArrayList<>();
        if (!deduplicate) {
            for (MultiSearchResult.QueryResult r : perQuery) {
                for (SearchHit h : r.hits()) {
                    out.add(new MultiSearchResult.MergedHit(h, h.score(), List.of(r.query())));
                }
            }
        } else {
            Map<String, SearchHit> best = new LinkedHashMap<>();
            Map<String, LinkedHashSet<String>> foundBy = new LinkedHashMap<>();
            for (MultiSearchResult.QueryResult r : perQuery) {
                for (SearchHit h : r.hits()) {
                    best.merge(h.id(), h, (a, b) -> b.score() > a.score() ? b : a);
                    foundBy.computeIfAbsent(h.id(), k -> new LinkedHashSet<>()).add(r.query());
                }
            }
            best.forEach((id, h) -> out.add(new MultiSearchResult.MergedHit(h, h.score(), List.copyOf(foundBy.get(id)))));
        }
        out.sort(Comparator.comparingDouble((MultiSearchResult.MergedHit m) -> -m.bestScore())
                .thenComparing(MultiSearchResult.MergedHit::id));
        return out;
    }

    /**
     * Creates many memories. With {@code atomic}, all or nothing: an invalid draft or an I/O error
     * creates none, and a crash in the middle leaves, after the next open, either all or none.
     * Without, the valid ones are created and each failure is an item with its reason.
     */
    public BatchCreateResult batchCreateMemories(List<MemoryDraft> drafts, boolean atomic) {
        return MemoryBatches.create(store, List.copyOf(drafts), atomic);
    }

    /** Applies many updates, files written in parallel; one result per update, in input order. */
    public List<UpdateResult> parallelUpdateMemories(List<MemoryUpdate> updates) {
        return MemoryBatches.update(store, List.copyOf(updates));
    }
}
