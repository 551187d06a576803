package dev.whitemagic.engine.pipeline.ops;

import java.nio.file.Path;

/**
 * One line of a file (grep hits and split lines).
 *
 * @param path   the file, or null for text that came from no file
 * @param number 1-based
 * @param text   the line without its end
 */
public record Line(Path path, long number, String text) {
    @Override
    public String toString() {
        return (path == null ? "" : path + ":") + number + ":" + text;
    }
}
