package dev.whitemagic.engine.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something a {@link FileScanner} could not walk into or read: an unreadable folder, a symbolic
 * link loop, a broken link, a bad line in an ignore file. The walk goes on past it.
 *
 * <pre>{@code
 * for (ScanProblem p : scanner.scan(root).problems()) {
 *     System.err.println(p);          // "src/loop: symbolic link loop: leads back to src"
 * }
 * }</pre>
 *
 * @param path    the entry concerned
 * @param message one sentence saying what is wrong, without the path
 */
public record ScanProblem(Path path, String message) {

    public ScanProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
