package dev.whitemagic.engine.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FileScanner} found: the files that passed every filter, the problems met on the
 * way, how many folders were walked and how long it took.
 *
 * <pre>{@code
 * ScanResult scan = FileScanner.defaults().withInclude("*.java").withSorted(true).scan(root);
 * List<FileResult> read = reader.readBatch(scan.files());
 * scan.problems().forEach(System.err::println);
 * }</pre>
 *
 * @param files       regular files found, sorted by path if the scanner was asked to sort
 * @param problems    entries that could not be walked, each with a message
 * @param directories folders listed
 * @param elapsed     wall time of the scan
 */
public record ScanResult(List<Path> files, List<ScanProblem> problems, long directories, Duration elapsed) {

    public ScanResult {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether the walk met no problem. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
