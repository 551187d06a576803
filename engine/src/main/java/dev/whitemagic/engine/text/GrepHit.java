package dev.whitemagic.engine.text;

import java.nio.file.Path;
import java.util.List;

/**
 * One matching line: its 1-based number, its text (without the newline; a {@code \r} before it
 * stays, as in ripgrep), the matches in it and the context lines around it.
 *
 * <pre>{@code
 * for (GrepHit hit : result.hits()) {
 *     System.out.println(hit.format(result.path()));     // src/A.java:12:    synchronized (lock) {
 * }
 * }</pre>
 *
 * @param line   1-based line number
 * @param text   the line, decoded as UTF-8 (malformed bytes replaced)
 * @param spans  the matches in {@code text}, as char offsets
 * @param before context lines before (only lines not already shown with an earlier hit)
 * @param after  context lines after (up to the next hit)
 */
public record GrepHit(long line, String text, List<Span> spans, List<ContextLine> before, List<ContextLine> after) {

    public GrepHit {
        spans = List.copyOf(spans);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** A match inside a line: {@code [start, end)} in chars of {@link #text}. */
    public record Span(int start, int end) {}

    /** A context line: its 1-based number and text. */
    public record ContextLine(long line, String text) {}

    /** ripgrep's line format: {@code path:line:text}. */
    public String format(Path path) {
        return path + ":" + line + ":" + text;
    }
}
