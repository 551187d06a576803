package dev.whitemagic.engine.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
public record ScanResult(List<Path> files, List<ScanProblem> problems, long directories, Duration elapsed,
        Skipped skipped) {

    public ScanResult {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(skipped, "skipped");
    }

    /** A result that skipped nothing. */
    public ScanResult(List<Path> files, List<ScanProblem> problems, long directories, Duration elapsed) {
        this(files, problems, directories, elapsed, Skipped.NONE);
    }

    /**
     * The entries a walk passed over without a word, as ripgrep does, counted so that a summary
     * can say so: symbolic links (not followed) and special files (FIFOs, sockets, devices: never
     * opened). Hidden and ignored entries are not counted: they are what the filters asked for.
     *
     * @param links        symbolic links not followed
     * @param specialFiles FIFOs, sockets and devices
     */
    public record Skipped(long links, long specialFiles) {
        public static final Skipped NONE = new Skipped(0, 0);

        public long total() {
            return links + specialFiles;
        }

        /** {@code "3 links, 2 special files"}; empty when nothing was skipped. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (links > 0) {
                sb.append(String.format(Locale.ROOT, "%,d link%s", links, links == 1 ? "" : "s"));
            }
            if (specialFiles > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,d special file%s",
                        specialFiles, specialFiles == 1 ? "" : "s"));
            }
            return sb.toString();
        }

        public Skipped plus(Skipped other) {
            return new Skipped(links + other.links, specialFiles + other.specialFiles);
        }
    }

    /** Whether the walk met no problem. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
