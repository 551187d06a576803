package dev.whitemagic.engine.text;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.files.FileScanner;
import dev.whitemagic.engine.internal.BatchRun;
import dev.whitemagic.engine.internal.NativeFiles;
import dev.whitemagic.engine.internal.OpenBatchRun;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The batch text kernels — grep, multi-pattern match, word index, similarity and scan — over a
 * list of files, with a fixed number of workers on one executor. Each returns a
 * {@link BatchHandle} of per-file results: as they complete for a UI, and in input order in
 * {@code result()} (deterministic when the caller sorted the paths). Per-file problems (missing,
 * directory, FIFO, binary, permission) are values in the results; a batch never stops for them.
 * Files up to 32 MiB are read whole, larger ones are streamed in chunks.
 *
 * <pre>{@code
 * TextKernels text = new TextKernels(engine.cpuExecutor(), Runtime.getRuntime().availableProcessors());
 * GrepPattern pattern = GrepPattern.compile("synchronized", GrepOptions.defaults().withCountOnly(true));
 * if (!pattern.isValid()) throw new IllegalArgumentException(pattern.error().get());
 * List<GrepResult> results = text.grep(pattern, paths).result().join();
 * long lines = results.stream().mapToLong(GrepResult::matchingLines).sum();
 * }</pre>
 */
public final class TextKernels {

    private final Executor executor;
    private final int workers;
    private final ChunkReader reader;

    /**
     * @param executor where the workers run (CPU-bound: the engine's {@code cpuExecutor()})
     * @param workers  how many files are processed at once
     */
    public TextKernels(Executor executor, int workers) {
        this(executor, workers, ChunkReader.defaults());
    }

    /** With a different streaming threshold and chunk size (tests). */
    TextKernels(Executor executor, int workers, ChunkReader reader) {
        this.executor = Objects.requireNonNull(executor);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        this.workers = workers;
        this.reader = reader;
    }

    /** The executor the kernels run on. */
    public Executor executor() {
        return executor;
    }

    /** The number of workers per batch. */
    public int workers() {
        return workers;
    }

    /**
     * Searches every file for {@code pattern} (check {@link GrepPattern#isValid()} first; an
     * invalid pattern gives every file that error).
     */
    public BatchHandle<GrepResult> grep(GrepPattern pattern, List<Path> files) {
        Objects.requireNonNull(pattern);
        return start("grep " + files.size() + " files", files, path -> grepFile(pattern, path),
                (path, e) -> GrepResult.failed(path, "internal error: " + e), GrepResult::bytes,
                r -> r.errorMessage() != null);
    }

    /**
     * Searches files as they are found: {@code feed} runs on a thread of its own and hands every
     * file to its argument (from any thread, e.g. a {@link dev.whitemagic.engine.files.FileScanner
     * FileScanner}'s walking threads), with the attributes just read for it or null; each file is
     * searched as soon as a worker is free, and the batch ends when {@code feed} has returned and
     * every file it handed over is searched. So the search overlaps the walk, as ripgrep's does.
     * A file handed over with a regular file's attributes is not asked for them again.
     * {@code result()} keeps the order the files were handed over in (walk order: sort it for
     * deterministic output); if {@code feed} throws, the files it handed over are still searched,
     * then {@code result()} fails with its exception. Cancelling skips the files not yet searched;
     * the consumer handed to the feed is a {@link FileScanner.Sink}, so a {@link FileScanner}
     * walk fed by it stops too.
     *
     * <pre>{@code
     * FileScanner scanner = FileScanner.defaults();
     * BatchHandle<GrepResult> run = text.grepAsFound(pattern, found -> scanner.scan(List.of(root), found));
     * List<GrepResult> results = run.result().join();
     * }</pre>
     */
    public BatchHandle<GrepResult> grepAsFound(GrepPattern pattern,
            Consumer<BiConsumer<Path, BasicFileAttributes>> feed) {
        Objects.requireNonNull(pattern);
        Objects.requireNonNull(feed);
        OpenBatchRun<Found, GrepResult> run = new OpenBatchRun<Found, GrepResult>("grep files as found",
                f -> {
                    try {
                        return grepFile(pattern, f);
                    } finally {
                        f.release();
                    }
                },
                (f, e) -> GrepResult.failed(f.path(), "internal error: " + e), GrepResult::bytes,
                r -> r.errorMessage() != null).onDiscard(Found::release).start(executor, workers);
        Thread.ofPlatform().daemon().name("grep-feed").start(() -> {
            Throwable error = null;
            try {
                feed.accept(new FileScanner.Sink() {
                    @Override
                    public void accept(Path path, BasicFileAttributes attributes) {
                        run.offer(new Found(path, attributes, null, null));
                    }

                    @Override
                    public boolean wantsList() {
                        return false; // the run has them
                    }

                    @Override
                    public boolean takesFolders() {
                        return true; // each file opened by name in its folder
                    }

                    @Override
                    public void acceptInFolder(List<Path> files, NativeFiles.Folder folder, List<String> names) {
                        List<Found> found = new ArrayList<>(files.size());
                        for (int i = 0; i < files.size(); i++) {
                            found.add(new Found(files.get(i), null, folder, names.get(i)));
                        }
                        run.offerAll(found); // one hand-over per folder
                    }

                    @Override
                    public boolean stopped() {
                        return run.isCancelled();
                    }
                });
            } catch (RuntimeException | Error e) {
                error = e;
            } finally {
                run.close(error);
            }
        });
        return run;
    }

    /**
     * A file handed over by a feed, with its attributes if known, or the open folder it is in
     * and its name there (held for it until {@link #release}d).
     */
    private record Found(Path path, BasicFileAttributes attributes, NativeFiles.Folder folder, String name) {
        Found {
            Objects.requireNonNull(path);
        }

        void release() {
            if (folder != null) {
                folder.release();
            }
        }
    }

    private GrepResult grepFile(GrepPattern pattern, Found f) {
        if (f.folder() == null) {
            return grepFile(pattern, f.path(), f.attributes());
        }
        if (!pattern.isValid()) {
            return GrepResult.failed(f.path(), pattern.error().orElseThrow());
        }
        GrepSearcher searcher = new GrepSearcher(pattern);
        return result(f.path(), searcher, reader.read(f.path(), f.folder(), f.name(), searcher));
    }

    GrepResult grepFile(GrepPattern pattern, Path path) {
        return grepFile(pattern, path, null);
    }

    private GrepResult grepFile(GrepPattern pattern, Path path, BasicFileAttributes known) {
        if (!pattern.isValid()) {
            return GrepResult.failed(path, pattern.error().orElseThrow());
        }
        GrepSearcher searcher = new GrepSearcher(pattern);
        return result(path, searcher, known == null ? reader.read(path, searcher) : reader.read(path, known, searcher));
    }

    private static GrepResult result(Path path, GrepSearcher searcher, ChunkReader.Outcome outcome) {
        if (outcome.error() != null) {
            return new GrepResult(path, List.of(), 0, false, outcome.size(), outcome.error());
        }
        if (outcome.binary()) {
            return new GrepResult(path, List.of(), 0, true, outcome.size(), null);
        }
        return searcher.result(path, outcome.size());
    }

    /** Counts every pattern of {@code patterns} in every file (a patterns × files matrix). */
    public BatchHandle<MatchResult> match(MultiPattern patterns, List<Path> files) {
        Objects.requireNonNull(patterns);
        return start("match " + patterns.size() + " patterns in " + files.size() + " files", files,
                path -> patterns.countFile(path, reader),
                (path, e) -> MatchResult.failed(path, patterns.size(), "internal error: " + e), MatchResult::bytes,
                r -> r.errorMessage() != null);
    }

    /**
     * Word frequencies per file; merge them with {@link WordIndex#top(List, int, int, Executor)}
     * (map-reduce) for the batch's top words.
     */
    public BatchHandle<WordCounts> index(List<Path> files) {
        return start("index " + files.size() + " files", files, path -> WordIndex.countFile(path, reader),
                (path, e) -> WordCounts.failed(path, "internal error: " + e), WordCounts::bytes,
                r -> r.errorMessage() != null);
    }

    /**
     * The term vector of every file, for {@link Similarity#rank} (against a file or a text) and
     * {@link Similarity#nearDuplicates}.
     */
    public BatchHandle<TermVector> terms(List<Path> files) {
        return start("tokenize " + files.size() + " files", files, path -> TermVector.ofFile(path, reader),
                (path, e) -> TermVector.failed(path, "internal error: " + e), TermVector::bytes,
                r -> r.errorMessage() != null);
    }

    /** Size, lines, words and a one-line summary of every file. */
    public BatchHandle<FileStats> scan(List<Path> files) {
        return start("scan " + files.size() + " files", files, path -> FileStats.ofFile(path, reader),
                (path, e) -> FileStats.failed(path, "internal error: " + e), FileStats::size,
                r -> r.errorMessage() != null);
    }

    private <T> BatchHandle<T> start(String name, List<Path> files, Function<Path, T> work,
            BiFunction<Path, Throwable, T> onError, ToLongFunction<T> bytes,
            Predicate<T> failed) {
        return new BatchRun<Path, T>(name, files, work, onError, bytes, failed).start(executor, workers);
    }
}
