package dev.whitemagic.engine.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What reading one file gave: its text (or why there is none), how big it was, how it was
 * decoded and how long it took. A failure is a value, never an exception: a batch of files
 * always yields one result per file.
 *
 * <p>{@link Status} says what happened: {@code TEXT} (read and decoded), {@code BINARY} (read,
 * but a NUL byte in the first 8 KiB marks it as binary: no content, and the text kernels skip
 * it), {@code TOO_LARGE} (over the reader's size limit: not read) or {@code FAILED} (not a
 * regular file, missing, a link loop, an I/O error …). {@link #success()} is true for the first
 * two. {@link #malformed()} marks text that was not valid in its charset and was decoded with
 * U+FFFD replacement characters.
 *
 * <pre>{@code
 * for (FileResult r : reader.readBatch(paths)) {
 *     if (r.hasContent()) {
 *         System.out.printf("%s: %d chars (%s)%s%n", r.path(), r.content().length(),
 *                 r.charset(), r.malformed() ? ", had invalid bytes" : "");
 *     } else if (!r.success()) {
 *         System.err.println(r.path() + ": " + r.error());   // "not a regular file (FIFO, ...)"
 *     }
 * }
 * }</pre>
 *
 * @param path      the file as given
 * @param status    what happened
 * @param content   the decoded text; {@code null} unless {@code status == TEXT}
 * @param size      the file's size on disk in bytes when it was checked; -1 if unknown
 * @param bytesRead bytes actually read (differs from {@code size} if the file changed meanwhile)
 * @param charset   the charset used to decode ({@code "UTF-8"}, {@code "UTF-16LE"} …); {@code null} if not decoded
 * @param elapsed   time spent on this file
 * @param error     one sentence saying what is wrong, without the path; {@code null} on success
 * @param malformed whether the bytes were invalid in {@code charset} and replaced with U+FFFD
 */
public record FileResult(Path path, Status status, String content, long size, long bytesRead, String charset,
        Duration elapsed, String error, boolean malformed) {

    /** What reading a file gave. */
    public enum Status {
        /** Read and decoded; {@link #content()} holds the text. */
        TEXT,
        /** Read, but binary (a NUL byte near the start): no content. Counts as a success. */
        BINARY,
        /** Larger than the reader's limit: not read. */
        TOO_LARGE,
        /** Could not be read; {@link #error()} says why. */
        FAILED
    }

    public FileResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        if ((status == Status.TEXT) != (content != null)) {
            throw new IllegalArgumentException("content is present exactly when the status is TEXT");
        }
        if ((status == Status.TEXT || status == Status.BINARY) != (error == null)) {
            throw new IllegalArgumentException("an error message is present exactly when reading failed");
        }
    }

    /** A text file read and decoded. */
    public static FileResult text(Path path, String content, long size, long bytesRead, String charset,
            Duration elapsed, boolean malformed) {
        return new FileResult(path, Status.TEXT, content, size, bytesRead, charset, elapsed, null, malformed);
    }

    /** A file read but found to be binary. */
    public static FileResult binary(Path path, long size, long bytesRead, Duration elapsed) {
        return new FileResult(path, Status.BINARY, null, size, bytesRead, null, elapsed, null, false);
    }

    /** A file not read because it is over {@code limit} bytes. */
    public static FileResult tooLarge(Path path, long size, long limit, Duration elapsed) {
        String message = size > limit
                ? "larger than the " + formatSize(limit) + " limit (" + formatSize(size) + "), not read"
                : "grew past the " + formatSize(limit) + " limit while being read";
        return new FileResult(path, Status.TOO_LARGE, null, size, 0, null, elapsed, message, false);
    }

    /** A file that could not be read, with a one-sentence reason. */
    public static FileResult failed(Path path, String error, long size, Duration elapsed) {
        return new FileResult(path, Status.FAILED, null, size, 0, null, elapsed,
                Objects.requireNonNullElse(error, "unknown error"), false);
    }

    /** A file that could not be read, with a one-sentence reason; size unknown, no time spent. */
    public static FileResult failed(Path path, String error) {
        return failed(path, error, -1, Duration.ZERO);
    }

    /** Whether the file was read: {@code TEXT} or {@code BINARY}. */
    public boolean success() {
        return status == Status.TEXT || status == Status.BINARY;
    }

    /** Whether the file is binary (flagged, no content). */
    public boolean binary() {
        return status == Status.BINARY;
    }

    /** Whether {@link #content()} holds text. */
    public boolean hasContent() {
        return content != null;
    }

    /** {@code 1.5 KiB}, {@code 64 MiB}: sizes for messages. */
    static String formatSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }
}
