package dev.whitemagic.benchmarks;

import dev.whitemagic.engine.memory.BatchCreateResult;
import dev.whitemagic.engine.memory.ConsolidationPlan;
import dev.whitemagic.engine.memory.ConsolidationStrategy;
import dev.whitemagic.engine.memory.Memory;
import dev.whitemagic.engine.memory.MemoryConsolidator;
import dev.whitemagic.engine.memory.MemoryDraft;
import dev.whitemagic.engine.memory.MemorySort;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.memory.MultiSearchResult;
import dev.whitemagic.engine.memory.ParallelMemoryManager;
import dev.whitemagic.engine.memory.SearchHit;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The memory search benchmark: builds a store of N generated memories and measures batch create,
 * open and index build, 1,000 mixed queries (sequential and through {@code parallelSearch}), the
 * same queries on SQLite FTS5 over the same documents, and similarity consolidation, in one run,
 * with the ratios and the goals of issue 4.
 *
 * <pre>
 * java -Xmx4g -jar benchmarks/target/whitemagic-benchmarks.jar [--n 100000] [--queries 1000]
 *      [--rounds 3] [--work DIR] [--quick] [--json FILE]
 * </pre>
 */
public final class SearchBenchmark {

    static final long SEED = 20251125L;
    static final int LIMIT = 20;
    static final int EXTRA = 10_000;

    /** One benchmark query: the engine's syntax, FTS5's, an optional required tag, and its kind. */
    record Query(String kind, String engine, String fts, String tag) {
        List<String> tags() {
            return tag == null ? List.of() : List.of(tag);
        }
    }

    /** Latencies (ns) of one sequential round, its wall time and the CPU time of the thread that ran it. */
    record Round(long[] nanos, long wallNanos, long cpuNanos) {
        double qps() {
            return nanos.length / (wallNanos / 1e9);
        }

        /** Queries per second of the querying thread's CPU time: what a round is worth on a shared machine. */
        double cpuQps() {
            return nanos.length / (cpuNanos / 1e9);
        }

        double p(double q) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final PrintStream out = System.out;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private List<Query> queryList = List.of();
    /** Where to write every query's ranked hits (id, score, preview), to compare two builds; or null. */
    private Path resultsFile;

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int queries = 1000;
        int rounds = 3;
        Path work = null;
        Path json = null;
        Path results = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--quick" -> n = 10_000;
                case "--json" -> json = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: SearchBenchmark [--n N (100000)] [--quick (N=10000)] [--queries Q (1000)]"
                            + " [--rounds R (3)] [--work DIR] [--json FILE] [--results FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        Path dir = work == null ? Files.createTempDirectory("wm-bench-") : Files.createTempDirectory(
                Files.createDirectories(work), "wm-bench-");
        try {
            SearchBenchmark b = new SearchBenchmark();
            b.resultsFile = results;
            b.run(n, queries, Math.max(1, rounds), dir, json);
        } finally {
            deleteTree(dir);
        }
    }

    void run(int n, int queryCount, int rounds, Path dir, Path json) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("WhiteMagic search benchmark — N = %,d, %,d queries, %d measured rounds (each series after %.0f s of"
                + " warm-up rounds), seed %d%n", n, queryCount, rounds, WARM_UP_SECONDS, SEED);
        out.printf("machine: %d cores, Java %s (%s), %s %s, max heap %,d MB; SQLite via sqlite-jdbc%n", cores,
                Runtime.version(), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() >> 20);
        out.printf("work dir: %s (deleted at the end)%n%n", dir);
        figures.put("n", n);
        figures.put("queries", queryCount);
        figures.put("cores", cores);
        figures.put("java", Runtime.version().toString());

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, cores), r -> {
            Thread t = new Thread(r, "bench-pool");
            t.setDaemon(true);
            return t;
        });
        Path home = dir.resolve("home");
        try {
            // ---- (a) build: generate, atomic batch create of N, open + index build ----
            Corpus corpus = new Corpus(SEED);
            long t0 = System.nanoTime();
            List<MemoryDraft> drafts = corpus.memories(n);
            List<MemoryDraft> extra = corpus.memories(EXTRA);
            double genS = secs(t0);
            long words = drafts.stream().mapToLong(d -> d.content().split("\\s+").length).sum();
            out.printf("generated %,d + %,d memories in %.1f s (vocabulary %,d words, %.0f body words on average)%n",
                    n, EXTRA, genS, Corpus.VOCAB.length, (double) words / n);

            double createS;
            double createCallS;
            try (MemoryStore store = MemoryStore.open(home, pool)) {
                ParallelMemoryManager manager = new ParallelMemoryManager(store, pool);
                t0 = System.nanoTime();
                BatchCreateResult r = manager.batchCreateMemories(drafts, true);
                createCallS = secs(t0);
                store.flush();
                createS = secs(t0);
                check(r.committed() && r.created().size() == n, "batch of " + n + " not created: " + r.failures().stream()
                        .limit(3).toList());
            }
            long t1 = System.nanoTime();
            MemoryStore reopened = MemoryStore.open(home, pool);
            double openS = secs(t1);
            int opened = reopened.size();
            reopened.close();
            deleteTree(home.resolve("index"));
            t1 = System.nanoTime();
            MemoryStore store = MemoryStore.open(home, pool);
            double rebuildS = secs(t1);
            check(store.size() == n && opened == n, "store holds " + store.size() + ", expected " + n);

            try (store) {
                ParallelMemoryManager manager = new ParallelMemoryManager(store, pool);
                // ---- (b) 10,000 more, atomic ----
                t0 = System.nanoTime();
                BatchCreateResult r = manager.batchCreateMemories(extra, true);
                double extraCallS = secs(t0);
                store.flush();
                double extraS = secs(t0);
                check(r.committed() && r.created().size() == EXTRA, "batch of 10,000 not created");
                int total = store.size();

                // ---- (c) queries ----
                List<Memory> all = store.list(null, false, MemorySort.OLDEST_FIRST);
                List<Query> qs = queries(new Corpus(SEED + 1), all, queryCount);
                queryList = qs;
                Map<String, Long> kinds = new LinkedHashMap<>();
                qs.forEach(q -> kinds.merge(q.kind() + (q.tag() != null ? "+tag" : ""), 1L, Long::sum));

                if (resultsFile != null) {
                    writeResults(store, manager, qs, resultsFile);
                }
                warmUp(() -> sequentialEngine(store, qs)); // unmeasured
                List<Round> engineSeq = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    engineSeq.add(sequentialEngine(store, qs));
                }
                // Diagnostic: the same queries asking for one hit (one preview built instead of up to 20).
                List<Round> engineTop1 = new ArrayList<>();
                warmUp(() -> sequentialEngine(store, qs, 1));
                for (int i = 0; i < rounds; i++) {
                    engineTop1.add(sequentialEngine(store, qs, 1));
                }
                int[] concurrency = cores == 8 ? new int[] {8} : new int[] {cores, 8};
                Map<Integer, double[]> enginePar = new LinkedHashMap<>();
                for (int c : concurrency) {
                    warmUp(() -> parallelEngine(manager, qs, c));
                    double[] qps = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        qps[i] = parallelEngine(manager, qs, c);
                    }
                    enginePar.put(c, qps);
                }

                // ---- (d) SQLite FTS5 over the same documents ----
                Map<String, Integer> rowOf = new HashMap<>();
                for (int i = 0; i < all.size(); i++) {
                    rowOf.put(all.get(i).id(), i + 1);
                }
                List<Round> ftsSeq = new ArrayList<>();
                double ftsLoadS;
                List<String[]> samples = new ArrayList<>();
                try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
                    t0 = System.nanoTime();
                    loadFts(db, all);
                    ftsLoadS = secs(t0);
                    try (PreparedStatement ps = db.prepareStatement(
                            "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, 3.0, 1.0) LIMIT " + LIMIT)) {
                        warmUp(() -> sequentialFts(ps, qs));
                        for (int i = 0; i < rounds; i++) {
                            ftsSeq.add(sequentialFts(ps, qs));
                        }
                        samples = samples(store, db, ps, qs, rowOf);
                    }
                }

                // ---- (e) consolidation by similarity, dry run ----
                t0 = System.nanoTime();
                ConsolidationPlan plan = new MemoryConsolidator(store).smartConsolidate(
                        ConsolidationStrategy.BY_SIMILARITY, 0.8, 10, true);
                double consolidateS = secs(t0);

                report(n, total, genS, createS, createCallS, openS, rebuildS, extraS, extraCallS, kinds, engineSeq,
                        engineTop1, enginePar, ftsSeq, ftsLoadS, samples, plan, consolidateS, cores);
            }
        } finally {
            pool.shutdownNow();
        }
        if (json != null) {
            Files.writeString(json, json(figures));
            out.println("figures written to " + json);
        }
    }

    // ---- queries ----

    /**
     * {@code count} mixed queries: 30% one term, 30% two terms (OR), 20% phrases of two adjacent
     * words taken from a memory, 20% prefixes (3–5 letters) of a word; a quarter require a tag.
     */
    static List<Query> queries(Corpus c, List<Memory> all, int count) {
        Set<String> stop = new HashSet<>(List.of(Corpus.STOP));
        List<Query> out = new ArrayList<>(count);
        while (out.size() < count) {
            double k = c.nextDouble();
            String engine;
            String fts;
            String kind;
            if (k < 0.3) {
                String w = c.queryWord();
                kind = "one-term";
                engine = w;
                fts = quote(w);
            } else if (k < 0.6) {
                String a = c.queryWord();
                String b = c.queryWord();
                kind = "two-term OR";
                engine = a + " " + b;
                fts = quote(a) + " OR " + quote(b);
            } else if (k < 0.8) {
                List<String> ws = Corpus.contentWords(all.get(c.nextInt(all.size())).content());
                String a = null;
                String b = null;
                for (int tries = 0; tries < 50 && a == null; tries++) {
                    int i = c.nextInt(ws.size() - 1);
                    if (!stop.contains(ws.get(i)) && !stop.contains(ws.get(i + 1))) {
                        a = ws.get(i);
                        b = ws.get(i + 1);
                    }
                }
                if (a == null) {
                    continue;
                }
                kind = "phrase";
                engine = "\"" + a + " " + b + "\"";
                fts = quote(a + " " + b);
            } else {
                String w;
                do {
                    w = c.queryWord();
                } while (w.length() < 5);
                String p = w.substring(0, 3 + c.nextInt(Math.min(3, w.length() - 3)));
                kind = "prefix";
                engine = p + "*";
                fts = quote(p) + "*";
            }
            String tag = c.nextDouble() < 0.25 ? c.tag() : null;
            String match = "{title content} : (" + fts + ")" + (tag == null ? "" : " AND tags : " + quote(tag));
            out.add(new Query(kind, engine, match, tag));
        }
        return out;
    }

    /**
     * Every query's hits, in rank order, one line each (query, tag, id, score, preview), from
     * {@code store.search} and then from {@code parallelSearch} of the whole set: two builds give
     * identical files when their results are identical.
     */
    private void writeResults(MemoryStore store, ParallelMemoryManager manager, List<Query> qs, Path file)
            throws IOException {
        StringBuilder b = new StringBuilder();
        for (Query q : qs) {
            for (SearchHit h : store.search(q.engine(), null, q.tags(), false, LIMIT)) {
                b.append("seq\t").append(q.engine()).append('\t').append(q.tag()).append('\t').append(h.id())
                        .append('\t').append(h.score()).append('\t').append(h.preview()).append('\n');
            }
        }
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (Query q : qs) {
            byTag.computeIfAbsent(q.tag() == null ? "" : q.tag(), k -> new ArrayList<>()).add(q.engine());
        }
        for (Map.Entry<String, List<String>> e : byTag.entrySet()) {
            List<String> tags = e.getKey().isEmpty() ? List.of() : List.of(e.getKey());
            MultiSearchResult r = manager.parallelSearch(e.getValue(), false, 8, null, tags, false, LIMIT);
            for (MultiSearchResult.QueryResult qr : r.perQuery()) {
                for (SearchHit h : qr.hits()) {
                    b.append("par\t").append(qr.query()).append('\t').append(e.getKey()).append('\t').append(h.id())
                            .append('\t').append(h.score()).append('\t').append(h.preview()).append('\n');
                }
            }
        }
        Files.writeString(file, b);
        out.println("results of every query written to " + file);
    }

    /** An FTS5 string: in double quotes, quotes doubled. */
    static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static Round sequentialEngine(MemoryStore store, List<Query> qs) {
        return sequentialEngine(store, qs, LIMIT);
    }

    private static Round sequentialEngine(MemoryStore store, List<Query> qs, int limit) {
        long[] nanos = new long[qs.size()];
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < qs.size(); i++) {
            Query q = qs.get(i);
            long t = System.nanoTime();
            sink += store.search(q.engine(), null, q.tags(), false, limit).size();
            nanos[i] = System.nanoTime() - t;
        }
        long wall = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        check(sink > 0, "no engine query found anything");
        return new Round(nanos, wall, cpu);
    }

    /**
     * The whole set through parallelSearch, which applies one tag filter to a batch: one call per
     * distinct filter (the untagged three quarters in one call). Queries/s of the whole set.
     */
    private static double parallelEngine(ParallelMemoryManager manager, List<Query> qs, int maxConcurrent) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (Query q : qs) {
            byTag.computeIfAbsent(q.tag() == null ? "" : q.tag(), k -> new ArrayList<>()).add(q.engine());
        }
        long start = System.nanoTime();
        long hits = 0;
        for (Map.Entry<String, List<String>> e : byTag.entrySet()) {
            List<String> tags = e.getKey().isEmpty() ? List.of() : List.of(e.getKey());
            MultiSearchResult r = manager.parallelSearch(e.getValue(), false, maxConcurrent, null, tags, false, LIMIT);
            hits += r.merged().size();
        }
        long wall = System.nanoTime() - start;
        check(hits > 0, "parallelSearch found nothing");
        return qs.size() / (wall / 1e9);
    }

    private static void loadFts(Connection db, List<Memory> all) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE t USING fts5(title, content, tags)");
        }
        db.setAutoCommit(false);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO t(rowid, title, content, tags) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < all.size(); i++) {
                Memory m = all.get(i);
                ps.setInt(1, i + 1);
                ps.setString(2, m.title());
                ps.setString(3, m.content());
                ps.setString(4, String.join(" ", m.tags()));
                ps.executeUpdate();
            }
        }
        db.commit();
        db.setAutoCommit(true);
    }

    private static Round sequentialFts(PreparedStatement ps, List<Query> qs) throws SQLException {
        long[] nanos = new long[qs.size()];
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < qs.size(); i++) {
            long t = System.nanoTime();
            sink += ftsTop(ps, qs.get(i).fts()).size();
            nanos[i] = System.nanoTime() - t;
        }
        long wall = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        check(sink > 0, "no FTS5 query found anything");
        return new Round(nanos, wall, cpu);
    }

    private static List<Integer> ftsTop(PreparedStatement ps, String match) throws SQLException {
        ps.setString(1, match);
        List<Integer> rows = new ArrayList<>(LIMIT);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getInt(1));
            }
        }
        return rows;
    }

    /** For the first two queries of each kind (one tagged if there is one): hits of both, FTS5's total, overlap of the top 20. */
    private static List<String[]> samples(MemoryStore store, Connection db, PreparedStatement ps, List<Query> qs,
            Map<String, Integer> rowOf) throws SQLException {
        List<String[]> out = new ArrayList<>();
        Map<String, Integer> taken = new HashMap<>();
        boolean tagged = false;
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM t WHERE t MATCH ?")) {
            for (Query q : qs) {
                boolean wantTagged = !tagged && q.tag() != null;
                if (taken.getOrDefault(q.kind(), 0) >= 2 && !wantTagged) {
                    continue;
                }
                List<SearchHit> hits = store.search(q.engine(), null, q.tags(), false, LIMIT);
                List<Integer> rows = ftsTop(ps, q.fts());
                if (hits.isEmpty() || rows.isEmpty()) {
                    continue;
                }
                tagged |= wantTagged;
                taken.merge(q.kind(), 1, Integer::sum);
                count.setString(1, q.fts());
                long total;
                try (ResultSet rs = count.executeQuery()) {
                    total = rs.next() ? rs.getLong(1) : -1;
                }
                Set<Integer> engineRows = new HashSet<>();
                hits.forEach(h -> engineRows.add(rowOf.getOrDefault(h.id(), -1)));
                long overlap = rows.stream().filter(engineRows::contains).count();
                out.add(new String[] {q.engine() + (q.tag() != null ? "  [tag " + q.tag() + "]" : ""),
                        String.valueOf(hits.size()), String.valueOf(rows.size()), String.format("%,d", total),
                        overlap + "/" + Math.min(hits.size(), rows.size())});
            }
        }
        return out;
    }

    // ---- report ----

    private void report(int n, int total, double genS, double createS, double createCallS, double openS,
            double rebuildS, double extraS, double extraCallS, Map<String, Long> kinds, List<Round> engineSeq,
            List<Round> engineTop1, Map<Integer, double[]> enginePar, List<Round> ftsSeq, double ftsLoadS, List<String[]> samples,
            ConsolidationPlan plan, double consolidateS, int cores) {
        out.println();
        out.printf("queries: %s; top %d per query; over %,d memories%n", kinds, LIMIT, total);
        out.println();
        String fmt = "%-58s %20s   %s%n";
        out.printf(fmt, "measure", "value", "range over rounds / notes");
        out.println("-".repeat(110));
        out.printf(fmt, "(a) batch create N, atomic (incl. index commit)", rate(n / createS, "mem/s"),
                String.format("%.1f s; call alone %.1f s = %,.0f mem/s", createS, createCallS, n / createCallS));
        out.printf(fmt, "(a) open store, index present", String.format("%.2f s", openS), String.format("%,d memories", n));
        out.printf(fmt, "(a) open store, index deleted (scan + full index build)", String.format("%.2f s", rebuildS),
                String.format("%,.0f mem/s", n / rebuildS));
        out.printf(fmt, "(b) batch create 10,000 more, atomic (incl. index commit)", rate(EXTRA / extraS, "mem/s"),
                String.format("%.2f s; call alone %.2f s = %,.0f mem/s", extraS, extraCallS, EXTRA / extraCallS));
        double eq = median(engineSeq.stream().mapToDouble(Round::qps).toArray());
        double ep50 = median(engineSeq.stream().mapToDouble(r -> r.p(0.5)).toArray());
        double ep99 = median(engineSeq.stream().mapToDouble(r -> r.p(0.99)).toArray());
        double fq = median(ftsSeq.stream().mapToDouble(Round::qps).toArray());
        double fp50 = median(ftsSeq.stream().mapToDouble(r -> r.p(0.5)).toArray());
        double fp99 = median(ftsSeq.stream().mapToDouble(r -> r.p(0.99)).toArray());
        out.printf(fmt, "(c) engine, sequential store.search", rate(eq, "q/s"),
                range(engineSeq.stream().mapToDouble(Round::qps).toArray(), "q/s"));
        out.printf(fmt, "(c) engine, sequential p50 / p99", String.format("%.2f / %.2f ms", ep50, ep99),
                "p99 " + range(engineSeq.stream().mapToDouble(r -> r.p(0.99)).toArray(), "ms"));
        double e1 = median(engineTop1.stream().mapToDouble(Round::qps).toArray());
        out.printf(fmt, "    diagnostic: same, top 1 instead of top 20", rate(e1, "q/s"),
                range(engineTop1.stream().mapToDouble(Round::qps).toArray(), "q/s") + String.format(
                        "; p50 %.2f ms; the 19 other hits and previews cost %.0f%%", median(engineTop1.stream()
                                .mapToDouble(r -> r.p(0.5)).toArray()), 100 * (1 - eq / e1)));
        figures.put("engine_seq_top1_qps", round(e1));
        double bestPar = 0;
        for (Map.Entry<Integer, double[]> e : enginePar.entrySet()) {
            double m = median(e.getValue());
            bestPar = Math.max(bestPar, m);
            out.printf(fmt, "(c) engine, parallelSearch, maxConcurrent " + e.getKey(), rate(m, "q/s"),
                    range(e.getValue(), "q/s") + String.format("; %.2fx sequential", m / eq));
            figures.put("engine_parallel_" + e.getKey() + "_qps", round(m));
        }
        out.printf(fmt, "(d) SQLite FTS5 load (one transaction, prepared insert)", String.format("%.1f s", ftsLoadS),
                String.format("%,d rows, in memory", total));
        out.printf(fmt, "(d) FTS5, sequential, one connection", rate(fq, "q/s"),
                range(ftsSeq.stream().mapToDouble(Round::qps).toArray(), "q/s"));
        out.printf(fmt, "(d) FTS5, sequential p50 / p99", String.format("%.2f / %.2f ms", fp50, fp99),
                "p99 " + range(ftsSeq.stream().mapToDouble(r -> r.p(0.99)).toArray(), "ms"));
        out.printf(fmt, "    ratio engine / FTS5, sequential", String.format("%.2fx", eq / fq), "");
        double ec = engineSeq.stream().mapToDouble(Round::cpuQps).max().orElse(0);
        double fc = ftsSeq.stream().mapToDouble(Round::cpuQps).max().orElse(0);
        out.printf(fmt, "    per CPU-second of the querying thread: engine / FTS5", String.format("%.2fx", ec / fc),
                String.format("best round: engine %,.0f q/CPU-s, FTS5 %,.0f q/CPU-s (robust to a shared machine)", ec, fc));
        figures.put("engine_seq_qps_per_cpu_s", round(ec));
        figures.put("fts5_seq_qps_per_cpu_s", round(fc));
        for (Map.Entry<Integer, double[]> e : enginePar.entrySet()) {
            out.printf(fmt, "    ratio engine parallel(" + e.getKey() + ") / FTS5 one connection",
                    String.format("%.2fx", median(e.getValue()) / fq), "");
        }
        out.printf(fmt, "(e) smart consolidation BY_SIMILARITY 0.8, dry run", String.format("%.2f s", consolidateS),
                String.format("%,d groups, %,d memories, over %,d", plan.groups().size(), plan.memoryCount(), total));

        out.println();
        out.println("latency by kind of query (last round; p50 / p99 ms):");
        String kf = "  %-22s %6s %22s %22s%n";
        out.printf(kf, "kind", "count", "engine", "FTS5");
        Round le = engineSeq.get(engineSeq.size() - 1);
        Round lf = ftsSeq.get(ftsSeq.size() - 1);
        for (String kind : kinds.keySet()) {
            long[] e = byKind(le, kind);
            long[] f = byKind(lf, kind);
            out.printf(kf, kind, e.length, String.format("%.2f / %.2f", pct(e, 0.5), pct(e, 0.99)),
                    String.format("%.2f / %.2f", pct(f, 0.5), pct(f, 0.99)));
        }

        out.println();
        out.println("hits of a few queries (top " + LIMIT + " each; FTS5 has no stemming, Lucene's EnglishAnalyzer does):");
        String sf = "  %-44s %8s %8s %12s %10s%n";
        out.printf(sf, "query", "engine", "FTS5", "FTS5 total", "overlap");
        for (String[] s : samples) {
            out.printf(sf, s[0].length() > 44 ? s[0].substring(0, 41) + "..." : s[0], s[1], s[2], s[3], s[4]);
        }

        out.println();
        out.println("goals (issue 4, at N = 100,000" + (n == 100_000 ? "" : "; this run is N = " + String.format("%,d", n)
                + ", so only indicative") + "):");
        String gf = "  %-46s %-26s %s%n";
        goal(gf, "≥ 5,000 queries/s (sequential)", rate(eq, "q/s"), eq >= 5000);
        goal(gf, "≥ 5,000 queries/s (parallelSearch, best)", rate(bestPar, "q/s"), bestPar >= 5000);
        goal(gf, "p99 < 10 ms (sequential)", String.format("%.2f ms", ep99), ep99 < 10);
        goal(gf, "≥ 10x FTS5 (sequential)", String.format("%.2fx", eq / fq), eq / fq >= 10);
        goal(gf, "≥ 10x FTS5 (parallel best vs one connection)", String.format("%.2fx", bestPar / fq), bestPar / fq >= 10);
        goal(gf, "batch create ≥ 5,000 memories/s (N batch)", rate(n / createS, "mem/s"), n / createS >= 5000);
        goal(gf, "batch create ≥ 5,000 memories/s (10,000 batch)", rate(EXTRA / extraS, "mem/s"), EXTRA / extraS >= 5000);
        goal(gf, "similarity consolidation of 100k < 10 s", String.format("%.2f s over %,d", consolidateS, total),
                consolidateS < 10);

        figures.put("generate_s", round(genS));
        figures.put("batch_create_n_per_s", round(n / createS));
        figures.put("open_s", round(openS));
        figures.put("open_rebuild_s", round(rebuildS));
        figures.put("batch_create_10k_per_s", round(EXTRA / extraS));
        figures.put("engine_seq_qps", round(eq));
        figures.put("engine_seq_p50_ms", round(ep50));
        figures.put("engine_seq_p99_ms", round(ep99));
        figures.put("fts5_load_s", round(ftsLoadS));
        figures.put("fts5_seq_qps", round(fq));
        figures.put("fts5_seq_p50_ms", round(fp50));
        figures.put("fts5_seq_p99_ms", round(fp99));
        figures.put("ratio_seq", round(eq / fq));
        figures.put("ratio_parallel_best", round(bestPar / fq));
        figures.put("consolidate_s", round(consolidateS));
        figures.put("consolidate_groups", plan.groups().size());
    }

    /** The latencies in a round of the queries of one kind (as counted in the report). */
    private long[] byKind(Round r, String kind) {
        return java.util.stream.IntStream.range(0, queryList.size())
                .filter(i -> (queryList.get(i).kind() + (queryList.get(i).tag() != null ? "+tag" : "")).equals(kind))
                .mapToLong(i -> r.nanos()[i]).toArray();
    }

    private static double pct(long[] v, double q) {
        if (v.length == 0) {
            return 0;
        }
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
    }

    private void goal(String fmt, String goal, String value, boolean met) {
        out.printf(fmt, goal, value, met ? "met" : "NOT met");
    }

    private static String rate(double v, String unit) {
        return String.format("%,.0f %s", v, unit);
    }

    private static String range(double[] v, String unit) {
        double lo = Arrays.stream(v).min().orElse(0);
        double hi = Arrays.stream(v).max().orElse(0);
        return hi >= 100 ? String.format("%,.0f–%,.0f %s", lo, hi, unit) : String.format("%.2f–%.2f %s", lo, hi, unit);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Warm-up before each measured series: whole rounds of the queries for at least this long. */
    static final double WARM_UP_SECONDS = Double.parseDouble(System.getProperty("whitemagic.bench.warmUpSeconds", "4"));

    /**
     * Runs {@code round} until {@link #WARM_UP_SECONDS} have passed (at least twice): the JIT
     * keeps compiling Lucene's and the store's paths for several thousand queries, and the
     * figures are meant for a warm program (a workbench that has searched before), as JMH's
     * warm-up iterations would make them.
     */
    private static void warmUp(java.util.concurrent.Callable<?> round) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < 2 || secs(t0) < WARM_UP_SECONDS; i++) {
            round.call();
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static String json(Map<String, Object> m) {
        StringBuilder b = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            b.append("  \"").append(e.getKey()).append("\": ")
                    .append(v instanceof Number ? v.toString() : "\"" + v.toString().replace("\"", "\\\"") + "\"")
                    .append(++i < m.size() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
