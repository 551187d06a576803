package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.EngineFilesService;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the file commands share: the engine, folder walking, streaming or sorted output, JSON. */
abstract class FileCommand implements Callable<Integer> {

    @ParentCommand
    WhiteMagicCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    WalkOptions walk;

    @picocli.CommandLine.Option(names = "--json", description = "JSON Lines: one object per result, then a summary object.")
    boolean json;

    PrintWriter out;
    PrintWriter err;
    /** Where to print when run without picocli ({@link PlainGrep}); null: picocli's writers. */
    private PrintWriter givenOut;
    private PrintWriter givenErr;

    /** Prints to these instead of picocli's writers (a command {@link PlainGrep} read). */
    void writers(PrintWriter out, PrintWriter err) {
        this.givenOut = out;
        this.givenErr = err;
    }

    @Override
    public final Integer call() throws Exception {
        // Buffered: a grep may print a million lines; autoflush per line would dominate.
        out = new PrintWriter(new BufferedWriter(givenOut != null ? givenOut : spec.commandLine().getOut(),
                1 << 16));
        err = givenErr != null ? givenErr : spec.commandLine().getErr();
        try (WhiteMagicEngine engine = root.engine(root.settings())) {
            int code = run(new EngineFilesService(engine));
            out.flush();
            return walk.missing ? WhiteMagicCommand.USAGE : code;
        }
    }

    abstract int run(FilesService service) throws Exception;

    /** Files that could not be read, each reported ({@link #problem}): any makes the exit code 2. */
    final AtomicLong errors = new AtomicLong();

    /** Reports on stderr, one line, something that could not be done for one item, and counts it. */
    void problem(String line) {
        err.println("whitemagic: " + line);
        errors.incrementAndGet();
    }

    /** Every error so far: the items' and the walk's. */
    long errorCount() {
        return errors.get() + walk.problems.get();
    }

    /**
     * The exit code, the same rule for every file command: 2 when any file or folder could not be
     * read (each was reported; what was found is still printed), as grep and ripgrep do; else 0 when
     * something was {@code found}, 1 when nothing was.
     */
    int exitCode(boolean found) {
        return errorCount() > 0 || walk.missing ? WhiteMagicCommand.USAGE : found ? 0 : 1;
    }

    /** " · 6 skipped: 3 links, 3 special files" for a human summary line; empty when nothing was. */
    String skippedNote() {
        var s = walk.skipped;
        return s.total() == 0 ? "" : String.format(Locale.ROOT, " · %,d skipped: %s", s.total(), s);
    }

    /** The skipped entries as a JSON summary field. */
    Map<String, Object> skippedJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("links", walk.skipped.links());
        m.put("special_files", walk.skipped.specialFiles());
        return m;
    }

    List<Path> files(FilesService service, List<Path> paths, long maxSize) {
        return walk.expand(service, paths, maxSize, err);
    }

    /**
     * Prints each result of {@code handle} as it completes, or all of them in input order at the
     * end with {@code --sort}; returns the final progress.
     */
    <T> Progress stream(BatchHandle<T> handle, Consumer<T> print) throws Exception {
        return stream(handle, null, print);
    }

    /**
     * As {@link #stream(BatchHandle, Consumer)}; with {@code --sort} the results are sorted by
     * {@code sortBy} (null: kept in input order), for batches whose input order is the walk's.
     */
    <T> Progress stream(BatchHandle<T> handle, Comparator<? super T> sortBy, Consumer<T> print)
            throws Exception {
        if (walk.sort) {
            List<T> all;
            try {
                all = handle.result().get();
            } catch (ExecutionException e) {
                problem("stopped early: " + reason(e.getCause()));
                all = handle.completedSince(0);
            }
            if (sortBy != null) {
                all = new ArrayList<>(all);
                all.sort(sortBy);
            }
            all.forEach(print);
        } else {
            int taken = 0;
            while (true) {
                boolean done = handle.isDone();
                List<T> fresh = handle.completedSince(taken);
                taken += fresh.size();
                fresh.forEach(print);
                if (done && fresh.isEmpty()) {
                    break;
                }
                if (fresh.isEmpty()) {
                    Thread.sleep(2);
                }
            }
            try {
                handle.result().join();
            } catch (CompletionException | CancellationException e) {
                problem("stopped early: " + reason(e.getCause() != null ? e.getCause() : e));
            }
        }
        return handle.progress();
    }

    /** A failure's reason in words, for a message (never a stack trace). */
    static String reason(Throwable t) {
        return t instanceof StackOverflowError ? "too deep to handle"
                : t instanceof OutOfMemoryError ? "not enough memory"
                : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    void jsonLine(Map<String, ?> object) {
        out.println(Json.line(object));
    }

    /** The closing summary object of the JSON output of a command that streamed {@code p}. */
    Map<String, Object> summary(Progress p, Map<String, Object> extra) {
        Map<String, Object> m = summary(p.itemsDone(), Math.max(p.failed(), errors.get()) + walk.problems.get());
        m.put("bytes", p.bytesDone());
        m.put("elapsed_ms", p.elapsed().toMillis());
        m.putAll(extra);
        return m;
    }

    /** The closing summary object's common part: files, errors, what the walk skipped. */
    Map<String, Object> summary(long files, long errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "summary");
        m.put("files", files);
        m.put("errors", errors);
        m.put("skipped", skippedJson());
        return m;
    }
}
