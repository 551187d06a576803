package dev.whitemagic.app.files;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.files.FileResult;
import dev.whitemagic.engine.files.FileScanner;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.files.ScanProblem;
import dev.whitemagic.engine.files.ScanResult;
import dev.whitemagic.engine.text.FileStats;
import dev.whitemagic.engine.text.GrepHit;
import dev.whitemagic.engine.text.GrepOptions;
import dev.whitemagic.engine.text.GrepPattern;
import dev.whitemagic.engine.text.GrepResult;
import dev.whitemagic.engine.text.MatchOptions;
import dev.whitemagic.engine.text.MatchResult;
import dev.whitemagic.engine.text.MultiPattern;
import dev.whitemagic.engine.text.Similarity;
import dev.whitemagic.engine.text.SimilarityScore;
import dev.whitemagic.engine.text.TermVector;
import dev.whitemagic.engine.text.TextKernels;
import dev.whitemagic.engine.text.WordIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The Files pane and the file commands on the real engine. */
public final class EngineFilesService implements FilesService {

    private final WhiteMagicEngine engine;
    private final TextKernels text;
    private volatile String lastWorkers = "adaptive";

    public EngineFilesService(WhiteMagicEngine engine) {
        this.engine = engine;
        this.text = engine.text();
    }

    @Override
    public Expanded expand(List<Path> sources, Filters filters) {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (Path p : sources) {
            // Files named by the user go to the reader as they are, so a FIFO or a missing file gets
            // its own message there; folders are walked with the filters.
            if (Files.isDirectory(p)) {
                folders.add(p);
            } else {
                files.add(p);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!folders.isEmpty()) {
            FileScanner scanner = FileScanner.defaults().withHidden(filters.hidden())
                    .withIgnoreFiles(filters.ignoreFiles()).withExtensions(filters.extensions());
            if (!filters.glob().isBlank()) {
                scanner = scanner.withGlobs(List.of(filters.glob().strip()));
            }
            ScanResult scan = scanner.scan(folders);
            files.addAll(scan.files());
            for (ScanProblem problem : scan.problems()) {
                problems.add(problem.path() + ": " + problem.message());
            }
        }
        return new Expanded(files, problems);
    }

    @Override
    public BatchHandle<FileRow> read(List<Path> files, Filters filters, Workers workers) {
        ParallelFileReader reader = engine.files().withMaxSize(filters.maxSize());
        if (workers.count() != null) {
            reader = reader.withMaxWorkers(workers.count());
        } else if (workers.tier() != null) {
            reader = reader.withTier(workers.tier());
        }
        BatchHandle<FileRow> handle = reader.start(files, EngineFilesService::row, r -> r.ok() ? r.size() : 0, r -> !r.ok());
        String name = handle.name();
        int with = name.indexOf(" with ");
        lastWorkers = with >= 0 ? name.substring(with + 6) : workers.describe();
        return handle;
    }

    private static FileRow row(FileResult r) {
        String status = switch (r.status()) {
            case TEXT -> r.malformed() ? "text (invalid bytes replaced)" : "text";
            case BINARY -> "binary";
            case TOO_LARGE, FAILED -> "";
        };
        return new FileRow(r.path(), Math.max(0, r.size()), status, r.elapsed().toNanos() / 1e6, r.charset(), r.error(),
                r.success());
    }

    @Override
    public String lastWorkers() {
        return lastWorkers;
    }

    private static GrepPattern compile(GrepQuery q) {
        GrepOptions options = GrepOptions.defaults().withFixedStrings(q.fixed()).withIgnoreCase(q.ignoreCase())
                .withWordRegexp(q.word()).withContext(q.context()).withCountOnly(q.countOnly());
        return GrepPattern.compile(q.pattern(), options);
    }

    @Override
    public String checkGrep(GrepQuery query) {
        return compile(query).error().orElse(null);
    }

    @Override
    public BatchHandle<GrepFile> grep(List<Path> files, GrepQuery query) {
        GrepPattern pattern = compile(query);
        if (!pattern.isValid()) {
            throw new IllegalArgumentException(pattern.error().orElse("invalid pattern"));
        }
        return new Mapped<>(text.grep(pattern, files), r -> grepFile(r));
    }

    private static GrepFile grepFile(GrepResult r) {
        List<HitRow> hits = new ArrayList<>();
        long lastLine = 0;
        for (GrepHit h : r.hits()) {
            for (GrepHit.ContextLine c : h.before()) {
                if (c.line() > lastLine) {
                    hits.add(new HitRow(r.path(), c.line(), c.text(), true));
                    lastLine = c.line();
                }
            }
            if (h.line() > lastLine) {
                hits.add(new HitRow(r.path(), h.line(), h.text(), false));
                lastLine = h.line();
            }
            for (GrepHit.ContextLine c : h.after()) {
                if (c.line() > lastLine) {
                    hits.add(new HitRow(r.path(), c.line(), c.text(), true));
                    lastLine = c.line();
                }
            }
        }
        return new GrepFile(r.path(), hits, r.matchingLines(), r.error().orElse(null));
    }

    @Override
    public BatchHandle<MatchFile> match(List<Path> files, List<String> patterns, boolean ignoreCase) {
        MultiPattern compiled = MultiPattern.compile(patterns, new MatchOptions(ignoreCase, false));
        return new Mapped<>(text.match(compiled, files),
                (MatchResult r) -> new MatchFile(r.path(), r.byPattern(patterns), r.error().orElse(null)));
    }

    @Override
    public List<WordCount> index(List<Path> files, int minLength, int top) {
        var perFile = text.index(files).result().join();
        return WordIndex.top(perFile, minLength, top, engine.cpuExecutor()).stream()
                .map(w -> new WordCount(w.word(), w.count())).toList();
    }

    @Override
    public List<SimilarRow> similar(List<Path> files, String reference, int top) {
        List<TermVector> docs = text.terms(files).result().join().stream().filter(t -> t.error().isEmpty()).toList();
        List<SimilarityScore> ranked = Similarity.rank(TermVector.of(reference), docs, top);
        return ranked.stream().map(s -> new SimilarRow(s.path(), s.jaccard(), s.cosine())).toList();
    }

    @Override
    public BatchHandle<ScanRow> scan(List<Path> files) {
        return new Mapped<>(text.scan(files), (FileStats s) -> new ScanRow(s.path(), s.size(), s.lines(), s.words(),
                s.binary() ? "(binary)" : s.summary(), s.error().orElse(null)));
    }

    /** An engine batch seen through a mapping to rows, mapped as the rows are taken. */
    static final class Mapped<A, B> implements BatchHandle<B> {
        private final BatchHandle<A> source;
        private final Function<A, B> map;

        Mapped(BatchHandle<A> source, Function<A, B> map) {
            this.source = source;
            this.map = map;
        }

        @Override
        public String name() {
            return source.name();
        }

        @Override
        public Progress progress() {
            return source.progress();
        }

        @Override
        public List<B> completedSince(int from) {
            return source.completedSince(from).stream().map(map).toList();
        }

        @Override
        public void cancel() {
            source.cancel();
        }

        @Override
        public boolean isCancelled() {
            return source.isCancelled();
        }

        @Override
        public boolean isDone() {
            return source.isDone();
        }

        @Override
        public CompletableFuture<List<B>> result() {
            return source.result().thenApply(list -> list.stream().map(map).toList());
        }
    }
}
