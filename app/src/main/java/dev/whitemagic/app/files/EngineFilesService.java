package dev.whitemagic.app.files;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.files.FileResult;
import dev.whitemagic.engine.files.FileScanner;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.files.ScanProblem;
import dev.whitemagic.engine.files.ScanResult;
import dev.whitemagic.engine.internal.SafeFiles;
import dev.whitemagic.engine.scheduler.Job;
import dev.whitemagic.engine.scheduler.JobRecipe;
import dev.whitemagic.engine.scheduler.TaskPriority;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The Files pane and the file commands on the real engine. */
public final class EngineFilesService implements FilesService {

    private final WhiteMagicEngine engine;
    private final TextKernels text;
    private final boolean asJobs;
    private volatile BatchHandle<FileRow> lastRead;
    private volatile String lastWorkers = "adaptive";

    /** Every batch runs as a job of the engine's scheduler, so the Scheduler pane shows it. */
    public EngineFilesService(WhiteMagicEngine engine) {
        this(engine, true);
    }

    /**
     * @param asJobs whether batches go through the engine's job queue (the workbench and the
     *               commands) or start at once (benchmarks measuring the kernels themselves)
     */
    public EngineFilesService(WhiteMagicEngine engine, boolean asJobs) {
        this.engine = engine;
        this.text = engine.text();
        this.asJobs = asJobs;
    }

    /** {@code start} as a job of the engine's queue (or at once), named for people. */
    private <T> BatchHandle<T> submit(String name, String kind, int items, Supplier<BatchHandle<T>> start,
            Function<List<T>, String> summary) {
        return submit(name, kind, items, start, summary, null);
    }

    private <T> BatchHandle<T> submit(String name, String kind, int items, Supplier<BatchHandle<T>> start,
            Function<List<T>, String> summary, JobRecipe recipe) {
        if (!asJobs) {
            return start.get();
        }
        return engine.jobs().batch(name, kind, TaskPriority.NORMAL, items, start, summary, recipe);
    }

    /** Runs blocking work as a job of the engine's queue (or at once) and waits for it. */
    private <T> T call(String name, String kind, Job<T> work, Function<T, String> summary) {
        try {
            if (!asJobs) {
                return work.run(null);
            }
            return engine.jobs().call(name, kind, TaskPriority.NORMAL, work, summary).join();
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The job summary of a read: "3 files, 1 failed, 0.2 MB". */
    static String readSummary(List<FileRow> rows) {
        return failedOf(rows, r -> !r.ok()) + String.format(Locale.ROOT, ", %.1f MB",
                rows.stream().mapToLong(FileRow::size).sum() / 1e6);
    }

    /** The job summary of a grep: "12 matching lines in 3 files". */
    static String grepSummary(List<GrepFile> rows) {
        return String.format(Locale.ROOT, "%,d matching lines in %s", rows.stream().mapToLong(GrepFile::count).sum(),
                failedOf(rows, r -> r.error() != null));
    }

    private static <T> String failedOf(List<T> rows, Predicate<T> failed) {
        long bad = rows.stream().filter(failed).count();
        return Format.count(rows.size(), "file") + (bad == 0 ? "" : String.format(Locale.ROOT, ", %,d failed", bad));
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
        ScanResult.Skipped skipped = ScanResult.Skipped.NONE;
        if (!folders.isEmpty()) {
            ScanResult scan = scanner(filters).scan(folders);
            files.addAll(scan.files());
            for (ScanProblem problem : scan.problems()) {
                problems.add(problem.path() + ": " + problem.message());
            }
            skipped = scan.skipped();
        }
        return new Expanded(files, problems, skipped);
    }

    private static FileScanner scanner(Filters filters) {
        FileScanner scanner = FileScanner.defaults().withHidden(filters.hidden())
                .withIgnoreFiles(filters.ignoreFiles()).withExtensions(filters.extensions());
        if (!filters.glob().isBlank()) {
            scanner = scanner.withGlobs(List.of(filters.glob().strip()));
        }
        return scanner;
    }

    @Override
    public BatchHandle<FileRow> read(List<Path> files, Filters filters, Workers workers) {
        ParallelFileReader reader = engine.files().withMaxSize(filters.maxSize());
        if (workers.count() != null) {
            reader = reader.withMaxWorkers(workers.count());
        } else if (workers.tier() != null) {
            reader = reader.withTier(workers.tier());
        }
        ParallelFileReader chosen = reader;
        lastWorkers = workers.describe();
        BatchHandle<FileRow> handle = submit("read " + Format.count(files.size(), "file"), "read", files.size(),
                () -> chosen.start(files, EngineFilesService::row, r -> r.ok() ? r.size() : 0, r -> !r.ok()),
                EngineFilesService::readSummary, Recipes.read(files, filters.maxSize()));
        lastRead = handle;
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
        BatchHandle<FileRow> read = lastRead;
        String name = read == null ? "" : read.name();
        int with = name.indexOf(" with ");
        return with >= 0 ? name.substring(with + 6) : lastWorkers;
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
        return submit("grep '" + query.pattern() + "' in " + Format.count(files.size(), "file"), "grep", files.size(),
                () -> new Mapped<>(text.grep(pattern, files), r -> grepFile(r)), EngineFilesService::grepSummary,
                Recipes.grep(files, query));
    }

    @Override
    public BatchHandle<GrepFile> grepAsFound(List<Path> sources, Filters filters, GrepQuery query,
            Consumer<String> problems, Consumer<ScanResult.Skipped> skipped) {
        GrepPattern pattern = compile(query);
        if (!pattern.isValid()) {
            throw new IllegalArgumentException(pattern.error().orElse("invalid pattern"));
        }
        // The walk runs beside the search, which keeps every core busy: half the cores walk (a 2 GB
        // grep on two cores: 0.2 s less CPU and ~10 % less time with one walking thread than four).
        FileScanner scanner = scanner(filters)
                .withParallelism(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        List<Path> sourceList = List.copyOf(sources);
        String where = sourceList.size() == 1 ? sourceList.getFirst().toString() : sourceList.size() + " paths";
        // Recipe: none. A walk is not a file list to keep; the commands, its only users, keep no history.
        return submit("grep '" + query.pattern() + "' in " + where, "grep", 0,
                () -> new Mapped<>(text.grepAsFound(pattern, found -> {
                    List<Path> folders = new ArrayList<>();
                    for (Path p : sourceList) {
                        // As expand: files named by the user are searched as they are, folders walked.
                        if (Files.isDirectory(p)) {
                            folders.add(p);
                        } else {
                            found.accept(p, null);
                        }
                    }
                    if (!folders.isEmpty()) {
                        ScanResult scan = scanner.scan(folders, found);
                        for (ScanProblem problem : scan.problems()) {
                            problems.accept(problem.path() + ": " + problem.message());
                        }
                        skipped.accept(scan.skipped());
                    }
                }), r -> grepFile(r)), EngineFilesService::grepSummary, null);
    }

    private static GrepFile grepFile(GrepResult r) {
        // most files of a big grep have no hits: nothing to build for them
        List<HitRow> rows = r.hits().isEmpty() ? List.of() : rows(r);
        return new GrepFile(r.path(), rows, r.matchingLines(), r.error().orElse(null));
    }

    /** The hit and context lines of a file, each line once, in order. */
    private static List<HitRow> rows(GrepResult r) {
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
        return hits;
    }

    @Override
    public BatchHandle<MatchFile> match(List<Path> files, List<String> patterns, boolean ignoreCase) {
        MultiPattern compiled = MultiPattern.compile(patterns, new MatchOptions(ignoreCase, false));
        return submit("match " + patterns.size() + " patterns in " + Format.count(files.size(), "file"), "match", files.size(),
                () -> new Mapped<>(text.match(compiled, files),
                        (MatchResult r) -> new MatchFile(r.path(), r.byPattern(patterns), r.error().orElse(null))),
                rows -> failedOf(rows, r -> r.error() != null));
    }

    @Override
    public List<WordCount> index(List<Path> files, int minLength, int top, Consumer<String> problems) {
        return call("word index of " + Format.count(files.size(), "file"), "index", ctx -> {
            var run = text.index(files);
            if (ctx != null) {
                ctx.onCancel(run::cancel);
            }
            var perFile = run.result().join();
            perFile.forEach(w -> w.error().ifPresent(e -> problems.accept(w.path() + ": " + e)));
            return WordIndex.top(perFile, minLength, top, engine.cpuExecutor()).stream()
                    .map(w -> new WordCount(w.word(), w.count())).toList();
        }, list -> list.size() + " words");
    }

    @Override
    public List<SimilarRow> similar(List<Path> files, String reference, int top,
            Consumer<String> problems) {
        return call("similarity of " + Format.count(files.size(), "file"), "similar", ctx -> {
            var run = text.terms(files);
            if (ctx != null) {
                ctx.onCancel(run::cancel);
            }
            List<TermVector> all = run.result().join();
            all.stream().filter(t -> !t.binary()) // skipped as binary, as grep skips them: no error
                    .forEach(t -> t.error().ifPresent(e -> problems.accept(t.path() + ": " + e)));
            List<TermVector> docs = all.stream().filter(t -> t.error().isEmpty()).toList();
            List<SimilarityScore> ranked = Similarity.rank(TermVector.of(reference), docs, top);
            return ranked.stream().map(s -> new SimilarRow(s.path(), s.jaccard(), s.cosine())).toList();
        }, list -> list.size() + " ranked");
    }

    @Override
    public String referenceText(Path file, long maxSize) {
        try {
            return SafeFiles.readText(file, maxSize);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + SafeFiles.describe(e));
        }
    }

    @Override
    public BatchHandle<ScanRow> scan(List<Path> files) {
        return submit("scan " + Format.count(files.size(), "file"), "scan", files.size(),
                () -> new Mapped<>(text.scan(files), (FileStats s) -> new ScanRow(s.path(), s.size(), s.lines(), s.words(),
                        s.binary() ? "(binary)" : s.summary(), s.error().orElse(null))),
                rows -> failedOf(rows, r -> r.error() != null));
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
        public Optional<String> waitingFor() {
            return source.waitingFor();
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
