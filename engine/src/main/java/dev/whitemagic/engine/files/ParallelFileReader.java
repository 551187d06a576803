package dev.whitemagic.engine.files;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.SystemLoad;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import dev.whitemagic.engine.internal.BatchRun;
import dev.whitemagic.engine.internal.LimitedExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Reads many files at once, each into a {@link FileResult}: the seed's {@code ParallelFileReader}
 * ({@code read_batch}, {@code read_batch_dict}, {@code read_batch_filtered}, {@code fail_fast},
 * {@code max_workers}) plus results streamed as they complete, progress in files and bytes, and
 * cancel.
 *
 * <p>Whatever the batch holds, it completes with one result per file and never blocks: FIFOs,
 * sockets and devices are never opened ("not a regular file"), link loops, directories, missing
 * files and I/O errors become failures with a one-sentence message, files over the size limit
 * (default 64 MiB) are not read, a file that grows while being read is read up to the limit,
 * binary files (a NUL in the first 8 KiB) are flagged without content. Text is UTF-8 unless a
 * byte-order mark says UTF-16; a UTF-8 BOM is dropped; invalid bytes become U+FFFD and the
 * result is flagged {@link FileResult#malformed() malformed}.
 *
 * <p>How many files are read at once: a fixed count ({@link #withMaxWorkers}), a tier's count
 * ({@link #withTier}), or by default the adaptive controller's recommendation for the batch size
 * (complexity {@value #DEFAULT_COMPLEXITY}; the decision is recorded and shown on the Dashboard).
 * Adaptive batches run on the shared I/O executor given to the constructor, whose limit follows
 * the controller's tier; fixed counts run on virtual threads of their own so that exactly that
 * many files are read at once.
 *
 * <p>Instances are immutable and thread-safe; each {@code with…} returns a changed copy.
 *
 * <pre>{@code
 * ParallelFileReader reader = new ParallelFileReader(engine.ioExecutor(), engine.adaptive());
 * List<FileResult> results = reader.readBatch(paths);                  // input order
 * Map<Path, String> texts = reader.withMaxWorkers(16).readBatchDict(paths);
 *
 * BatchHandle<FileResult> run = reader.withFailFast(true).start(paths);
 * run.progress().bytesPerSecond();                                    // while it runs
 * List<FileResult> firstOnes = run.completedSince(0);                 // as completed
 * run.cancel();
 * }</pre>
 */
public final class ParallelFileReader {

    /** The default size limit: 64 MiB. Larger files are reported, not read. */
    public static final long DEFAULT_MAX_SIZE = 64L * 1024 * 1024;
    /** The largest limit a reader accepts (a Java array's reach). */
    public static final long MAX_SIZE_LIMIT = Integer.MAX_VALUE - 16;
    /** The complexity given to the adaptive controller for reading a file. */
    public static final int DEFAULT_COMPLEXITY = 25;

    private final Executor io;
    private final AdaptiveThreadingController adaptive;
    private final int maxWorkers;
    private final ThreadingTier tier;
    private final int complexity;
    private final long maxSize;
    private final Set<String> extensions;
    private final boolean failFast;
    private final boolean followLinks;

    /**
     * A reader that sizes each batch with {@code adaptive} and runs it on {@code io}.
     *
     * @param io       the executor for adaptive batches, e.g. the engine's I/O executor
     * @param adaptive the controller asked for a tier per batch
     */
    public ParallelFileReader(Executor io, AdaptiveThreadingController adaptive) {
        this(Objects.requireNonNull(io, "io"), Objects.requireNonNull(adaptive, "adaptive"), 0, null,
                DEFAULT_COMPLEXITY, DEFAULT_MAX_SIZE, Set.of(), false, true);
    }

    /**
     * A stand-alone reader (tests, tools): its own virtual threads, and the adaptive rules applied
     * as on an idle machine.
     */
    public ParallelFileReader() {
        this(null, new AdaptiveThreadingController(() -> SystemLoad.IDLE), 0, null, DEFAULT_COMPLEXITY,
                DEFAULT_MAX_SIZE, Set.of(), false, true);
    }

    private ParallelFileReader(Executor io, AdaptiveThreadingController adaptive, int maxWorkers,
            ThreadingTier tier, int complexity, long maxSize, Set<String> extensions, boolean failFast,
            boolean followLinks) {
        this.io = io;
        this.adaptive = adaptive;
        this.maxWorkers = maxWorkers;
        this.tier = tier;
        this.complexity = complexity;
        this.maxSize = maxSize;
        this.extensions = extensions;
        this.failFast = failFast;
        this.followLinks = followLinks;
    }

    /** Reads exactly {@code workers} files at once. */
    public ParallelFileReader withMaxWorkers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        return new ParallelFileReader(io, adaptive, workers, null, complexity, maxSize, extensions, failFast,
                followLinks);
    }

    /** Reads as many files at once as {@code tier} allows (8 … 256). */
    public ParallelFileReader withTier(ThreadingTier tier) {
        return new ParallelFileReader(io, adaptive, 0, Objects.requireNonNull(tier, "tier"), complexity, maxSize,
                extensions, failFast, followLinks);
    }

    /**
     * Lets the adaptive controller choose the tier for each batch (the default), with the given
     * complexity (0–100; default {@value #DEFAULT_COMPLEXITY}).
     */
    public ParallelFileReader withAdaptiveWorkers(int complexity) {
        if (complexity < 0 || complexity > 100) {
            throw new IllegalArgumentException("complexity must be between 0 and 100, got " + complexity);
        }
        return new ParallelFileReader(io, adaptive, 0, null, complexity, maxSize, extensions, failFast, followLinks);
    }

    /** Files larger than {@code bytes} are reported as {@link FileResult.Status#TOO_LARGE}, not read. */
    public ParallelFileReader withMaxSize(long bytes) {
        if (bytes < 0 || bytes > MAX_SIZE_LIMIT) {
            throw new IllegalArgumentException("max size must be between 0 and " + MAX_SIZE_LIMIT + ", got " + bytes);
        }
        return new ParallelFileReader(io, adaptive, maxWorkers, tier, complexity, bytes, extensions, failFast,
                followLinks);
    }

    /**
     * Reads only files whose name ends with one of these extensions ({@code "java"} or
     * {@code ".java"}, any case); the others are left out of the batch. Empty: every file.
     */
    public ParallelFileReader withExtensions(Collection<String> extensions) {
        return new ParallelFileReader(io, adaptive, maxWorkers, tier, complexity, maxSize,
                normalize(extensions), failFast, followLinks);
    }

    /** Whether the first failure cancels the rest of the batch; default false. */
    public ParallelFileReader withFailFast(boolean failFast) {
        return new ParallelFileReader(io, adaptive, maxWorkers, tier, complexity, maxSize, extensions, failFast,
                followLinks);
    }

    /** Whether a symbolic link is read through to its target (default true) or reported. */
    public ParallelFileReader withFollowLinks(boolean followLinks) {
        return new ParallelFileReader(io, adaptive, maxWorkers, tier, complexity, maxSize, extensions, failFast,
                followLinks);
    }

    /** The fixed worker count, or 0 when the tier or the controller decides. */
    public int maxWorkers() {
        return maxWorkers;
    }

    /** The fixed tier, or {@code null}. */
    public ThreadingTier tier() {
        return tier;
    }

    /** The size limit in bytes. */
    public long maxSize() {
        return maxSize;
    }

    /** The extensions kept (lower case, no dot); empty for every file. */
    public Set<String> extensions() {
        return extensions;
    }

    /** Whether the first failure cancels the batch. */
    public boolean failFast() {
        return failFast;
    }

    /** Whether symbolic links are followed. */
    public boolean followLinks() {
        return followLinks;
    }

    /** Reads one file on the calling thread. */
    public FileResult read(Path path) {
        return FileLoader.read(Objects.requireNonNull(path, "path"), maxSize, followLinks);
    }

    /**
     * Starts reading {@code paths} and returns at once. Results stream through
     * {@link BatchHandle#completedSince}; {@link BatchHandle#result()} gives them in input order.
     * Progress counts files and bytes read.
     */
    public BatchHandle<FileResult> start(List<Path> paths) {
        return start(paths, r -> {});
    }

    /**
     * As {@link #start(List)}, and calls {@code listener} with each result as it completes, on the
     * worker's thread (keep it short; a UI should batch what it gets). A listener that throws does
     * not break the batch.
     */
    public BatchHandle<FileResult> start(List<Path> paths, Consumer<? super FileResult> listener) {
        Objects.requireNonNull(listener, "listener");
        return run(paths, r -> r, FileResult::bytesRead, r -> !r.success(), listener);
    }

    /**
     * As {@link #start(List)}, but each file's result is turned into an {@code R} by {@code summary}
     * as soon as it is read, and only that is kept: a pane reading 100,000 files keeps their rows,
     * not their text.
     *
     * <pre>{@code
     * BatchHandle<Row> rows = reader.start(paths, r -> new Row(r.path(), r.size(), r.error()),
     *         Row::size, row -> row.error() != null);
     * }</pre>
     *
     * @param bytes  the bytes a summary accounts for, for progress
     * @param failed whether a summary is a failure (counted in progress; stops a fail-fast batch)
     */
    public <R> BatchHandle<R> start(List<Path> paths, Function<? super FileResult, ? extends R> summary,
            ToLongFunction<? super R> bytes, Predicate<? super R> failed) {
        Objects.requireNonNull(summary, "summary");
        return run(paths, summary, bytes, failed, r -> {});
    }

    private <R> BatchHandle<R> run(List<Path> paths, Function<? super FileResult, ? extends R> summary,
            ToLongFunction<? super R> bytes, Predicate<? super R> failed, Consumer<? super R> listener) {
        List<Path> selected = select(paths);
        int workers;
        Executor executor;
        String how;
        if (maxWorkers > 0) {
            workers = maxWorkers;
            how = workers(workers);
        } else if (tier != null) {
            workers = tier.threads();
            how = workers(workers) + " (" + tier + ")";
        } else {
            ThreadingTier chosen = adaptive.recommendTier(selected.size(), complexity);
            workers = chosen.threads();
            how = workers(workers) + " (" + chosen + ", adaptive)";
        }
        int fixed = Math.max(1, Math.min(workers, selected.size()));
        executor = maxWorkers == 0 && tier == null && io != null ? io : new LimitedExecutor("whitemagic-read", () -> fixed);
        long limit = maxSize;
        boolean follow = followLinks;
        BatchRun<Path, R> run = new BatchRun<Path, R>(
                "read %,d files with %s".formatted(selected.size(), how), selected,
                path -> summary.apply(FileLoader.read(path, limit, follow)),
                (path, e) -> summary.apply(FileResult.failed(path, "internal error: " + e)),
                bytes, failed);
        run.onResult(listener);
        if (failFast) {
            run.onResult(r -> {
                if (failed.test(r)) {
                    run.cancel();
                }
            });
        }
        return run.start(executor, workers);
    }

    /** Reads {@code paths}; one result per file, in input order (fewer after a fail-fast stop). */
    public List<FileResult> readBatch(List<Path> paths) {
        return start(paths).result().join();
    }

    /** The text of every file read as text, by path, in input order; failures and binaries left out. */
    public Map<Path, String> readBatchDict(List<Path> paths) {
        Map<Path, String> texts = new LinkedHashMap<>();
        for (FileResult r : readBatch(paths)) {
            if (r.hasContent()) {
                texts.putIfAbsent(r.path(), r.content());
            }
        }
        return texts;
    }

    /**
     * Reads only the files with one of {@code extensions} (empty: all) and at most {@code maxSize}
     * bytes; files over the size are left out of the result rather than reported. Other failures
     * are reported as in {@link #readBatch}.
     */
    public List<FileResult> readBatchFiltered(List<Path> paths, long maxSize, Collection<String> extensions) {
        List<FileResult> out = new ArrayList<>();
        for (FileResult r : withMaxSize(maxSize).withExtensions(extensions).readBatch(paths)) {
            if (r.status() != FileResult.Status.TOO_LARGE) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Path> select(List<Path> paths) {
        Objects.requireNonNull(paths, "paths");
        if (extensions.isEmpty()) {
            return paths;
        }
        List<Path> kept = new ArrayList<>();
        for (Path p : paths) {
            if (hasExtension(p, extensions)) {
                kept.add(p);
            }
        }
        return kept;
    }

    static boolean hasExtension(Path path, Set<String> extensions) {
        Path name = path.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        for (String ext : extensions) {
            if (n.length() > ext.length() && n.endsWith(ext) && n.charAt(n.length() - ext.length() - 1) == '.') {
                return true;
            }
        }
        return false;
    }

    static Set<String> normalize(Collection<String> extensions) {
        Objects.requireNonNull(extensions, "extensions");
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String e : extensions) {
            String s = e.strip().toLowerCase(Locale.ROOT);
            while (s.startsWith(".")) {
                s = s.substring(1);
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Set.copyOf(out);
    }

    private static String workers(int n) {
        return n + (n == 1 ? " worker" : " workers");
    }
}
