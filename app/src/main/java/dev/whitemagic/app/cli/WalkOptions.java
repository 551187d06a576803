package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.FilesService.Filters;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.engine.files.ScanResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Option;

/** How the file commands walk the folders they are given. */
final class WalkOptions {

    @Option(names = "--glob", paramLabel = "G", description = "Only files matching this glob (e.g. '**/*.java').")
    String glob = "";

    @Option(names = "--ext", paramLabel = "EXT", split = ",", description = "Only these extensions (e.g. java,md).")
    List<String> extensions = new ArrayList<>();

    @Option(names = "--hidden", description = "Also walk hidden files and folders.")
    boolean hidden;

    @Option(names = "--no-ignore", description = "Do not honour .gitignore and .ignore files.")
    boolean noIgnore;

    @Option(names = "--sort", description = "Deterministic output, sorted by path (results still computed in parallel).")
    boolean sort;

    /** Whether a path given on the command line did not exist (the command then exits 2). */
    boolean missing;

    /** Problems the walk met (folders it could not list, …), each reported: any makes the exit code 2. */
    final AtomicLong problems = new AtomicLong();

    /** What the walk passed over without a word (links, special files), for the summary. */
    volatile ScanResult.Skipped skipped = ScanResult.Skipped.NONE;

    /** Reports a problem of the walk on {@code err}, and counts it. */
    void problem(String problem, PrintWriter err) {
        err.println("whitemagic: " + problem);
        problems.incrementAndGet();
    }

    Filters filters(long maxSize) {
        return new Filters(glob, Set.copyOf(extensions.stream().map(e -> e.replaceFirst("^\\*?\\.", "")).toList()),
                maxSize, hidden, !noIgnore);
    }

    /**
     * The files to work on: files as given, folders walked. Paths that do not exist are errors
     * (reported, exit 2), as grep does.
     */
    List<Path> expand(FilesService service, List<Path> paths, long maxSize, PrintWriter err) {
        List<Path> existing = existing(paths, err);
        FilesService.Expanded expanded = service.expand(existing, filters(maxSize));
        for (String problem : expanded.problems()) {
            problem(problem, err);
        }
        skipped = expanded.skipped();
        List<Path> files = new ArrayList<>(expanded.files());
        if (sort) {
            files.sort(Comparator.naturalOrder());
        }
        if (missing && files.isEmpty()) {
            throw new WhiteMagicCommand.UserError("nothing to work on");
        }
        return files;
    }

    /**
     * The paths that exist; the others are reported as errors (exit 2), as grep does. For a
     * command that walks as it works; it calls {@link #nothingFound} once the walk is over.
     */
    List<Path> existing(List<Path> paths, PrintWriter err) {
        List<Path> existing = new ArrayList<>();
        for (Path p : paths) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                existing.add(p);
            } else {
                err.println("whitemagic: " + p + ": no such file or folder");
                missing = true;
            }
        }
        if (missing && existing.isEmpty()) {
            throw new WhiteMagicCommand.UserError("nothing to work on");
        }
        return existing;
    }

    /** After a walk that found {@code files}: as {@link #expand}, no files and a missing path are an error. */
    void nothingFound(long files) {
        if (missing && files == 0) {
            throw new WhiteMagicCommand.UserError("nothing to work on");
        }
    }
}
