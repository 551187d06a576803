package dev.whitemagic.benchmarks;

import dev.whitemagic.engine.memory.Memory;
import dev.whitemagic.engine.memory.MemoryDraft;
import dev.whitemagic.engine.memory.MemorySort;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.memory.MultiSearchResult;
import dev.whitemagic.engine.memory.ParallelMemoryManager;
import dev.whitemagic.engine.memory.SearchHit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A harness for profiling the search phase of {@link SearchBenchmark} alone: the same corpus and
 * queries on a store kept between runs (built once in {@code --home}), then query rounds with the
 * CPU time per query, overall and by kind. Run it under JFR to see where a query's time goes.
 *
 * <pre>
 * java -cp 'benchmarks/target/whitemagic-benchmarks.jar:benchmarks/target/lib/*' \
 *      dev.whitemagic.benchmarks.SearchProfile --home /tmp/wm-profile [--n 100000] [--rounds 10] [--limit 20] [--parallel]
 * </pre>
 */
public final class SearchProfile {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path home = null;
        int n = 100_000;
        int rounds = 10;
        int limit = SearchBenchmark.LIMIT;
        boolean parallel = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> home = Path.of(args[++i]);
                case "--n" -> n = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--parallel" -> parallel = true;
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home DIR is required");
        }
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "profile-pool");
            t.setDaemon(true);
            return t;
        });
        boolean fresh = !Files.isDirectory(home.resolve("memory"));
        try (MemoryStore store = MemoryStore.open(home, pool)) {
            ParallelMemoryManager manager = new ParallelMemoryManager(store, pool);
            if (fresh) {
                Corpus corpus = new Corpus(SearchBenchmark.SEED);
                List<MemoryDraft> drafts = corpus.memories(n);
                List<MemoryDraft> extra = corpus.memories(SearchBenchmark.EXTRA);
                long cpu0 = totalCpu();
                long t0 = System.nanoTime();
                manager.batchCreateMemories(drafts, true);
                store.flush();
                long t1 = System.nanoTime();
                manager.batchCreateMemories(extra, true);
                store.flush();
                System.out.printf("batch create of %,d + flush: %.1f s (%,.0f mem/s); %,d more: %.2f s; CPU of all threads %.1f s%n",
                        drafts.size(), (t1 - t0) / 1e9, drafts.size() / ((t1 - t0) / 1e9), extra.size(),
                        (System.nanoTime() - t1) / 1e9, (totalCpu() - cpu0) / 1e9);
            }
            List<Memory> all = store.list(null, false, MemorySort.OLDEST_FIRST);
            List<SearchBenchmark.Query> qs = SearchBenchmark.queries(new Corpus(SearchBenchmark.SEED + 1), all, 1000);
            System.out.printf("%,d memories, %,d queries, top %d, %s%n", store.size(), qs.size(), limit,
                    parallel ? "parallelSearch" : "sequential");
            for (int r = 0; r < rounds; r++) {
                if (parallel) {
                    long cpu0 = totalCpu();
                    long t0 = System.nanoTime();
                    long hits = parallelRound(manager, qs, limit);
                    long wall = System.nanoTime() - t0;
                    long cpu = totalCpu() - cpu0;
                    System.out.printf("round %2d: %,7.0f q/s wall, %,7.1f µs CPU/query (all threads), %d hits%n", r,
                            qs.size() / (wall / 1e9), cpu / 1e3 / qs.size(), hits);
                } else {
                    Map<String, long[]> byKind = new TreeMap<>();
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    long hits = 0;
                    for (SearchBenchmark.Query q : qs) {
                        long c = THREADS.getCurrentThreadCpuTime();
                        List<SearchHit> h = store.search(q.engine(), null, q.tags(), false, limit);
                        for (SearchHit x : h) {
                            hits += x.preview().length();
                        }
                        long[] k = byKind.computeIfAbsent(q.kind(), x -> new long[2]);
                        k[0]++;
                        k[1] += THREADS.getCurrentThreadCpuTime() - c;
                    }
                    long wall = System.nanoTime() - t0;
                    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
                    StringBuilder kinds = new StringBuilder();
                    byKind.forEach((k, v) -> kinds.append(String.format("  %s %.0f", k, v[1] / 1e3 / v[0])));
                    System.out.printf("round %2d: %,7.0f q/s wall, %,7.0f q/CPU-s, %6.1f µs CPU/query;%s µs (%d)%n", r,
                            qs.size() / (wall / 1e9), qs.size() / (cpu / 1e9), cpu / 1e3 / qs.size(), kinds, hits);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long parallelRound(ParallelMemoryManager manager, List<SearchBenchmark.Query> qs, int limit) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (SearchBenchmark.Query q : qs) {
            byTag.computeIfAbsent(q.tag() == null ? "" : q.tag(), k -> new ArrayList<>()).add(q.engine());
        }
        long hits = 0;
        for (Map.Entry<String, List<String>> e : byTag.entrySet()) {
            List<String> tags = e.getKey().isEmpty() ? List.of() : List.of(e.getKey());
            MultiSearchResult r = manager.parallelSearch(e.getValue(), false, 8, null, tags, false, limit);
            hits += r.merged().size();
        }
        return hits;
    }

    private static long totalCpu() {
        long sum = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long c = THREADS.getThreadCpuTime(id);
            if (c > 0) {
                sum += c;
            }
        }
        return sum;
    }
}
