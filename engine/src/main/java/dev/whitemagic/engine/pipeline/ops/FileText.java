package dev.whitemagic.engine.pipeline.ops;

import java.nio.file.Path;

/**
 * A file and its text, as the read operation makes it.
 *
 * @param path the file
 * @param text its decoded text
 */
public record FileText(Path path, String text) {
    @Override
    public String toString() {
        return path.toString();
    }
}
