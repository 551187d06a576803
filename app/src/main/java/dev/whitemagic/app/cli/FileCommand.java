package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.EngineFilesService;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
        out = new PrintWriter(new java.io.BufferedWriter(givenOut != null ? givenOut : spec.commandLine().getOut(),
                1 << 16));
        err = givenErr != null ? givenErr : spec.commandLine().getErr();
        try (WhiteMagicEngine engine = root.engine(root.settings())) {
            int code = run(new EngineFilesService(engine));
            out.flush();
            return walk.missing ? WhiteMagicCommand.USAGE : code;
        }
    }

    abstract int run(FilesService service) throws Exception;

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
    <T> Progress stream(BatchHandle<T> handle, java.util.Comparator<? super T> sortBy, Consumer<T> print)
            throws Exception {
        if (walk.sort) {
            List<T> all = handle.result().get();
            if (sortBy != null) {
                all = new java.util.ArrayList<>(all);
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
        }
        return handle.progress();
    }

    void jsonLine(Map<String, ?> object) {
        out.println(Json.line(object));
    }

    /** The closing summary object of the JSON output. */
    static Map<String, Object> summary(Progress p, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "summary");
        m.put("files", p.itemsDone());
        m.put("errors", p.failed());
        m.put("bytes", p.bytesDone());
        m.put("elapsed_ms", p.elapsed().toMillis());
        m.putAll(extra);
        return m;
    }
}
