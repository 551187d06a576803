package dev.whitemagic.engine.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A quick look at one file: size, lines (counted as ripgrep does: a last line without a
 * newline counts), words (runs of non-whitespace, as {@code wc -w}) and its first non-blank
 * line, trimmed and cut at 120 characters, as a summary.
 *
 * <pre>{@code
 * for (FileStats s : kernels.scan(paths).result().join()) {
 *     System.out.printf("%8d %6d %s  %s%n", s.size(), s.lines(), s.path(), s.summary());
 * }
 * }</pre>
 *
 * @param path         the file
 * @param size         bytes
 * @param lines        lines
 * @param words        whitespace-separated words
 * @param summary      the first non-blank line, trimmed, at most 120 chars ("" if none)
 * @param binary       a binary file (not counted)
 * @param errorMessage why the file could not be read, or {@code null}
 */
public record FileStats(Path path, long size, long lines, long words, String summary, boolean binary,
        String errorMessage) {

    /** The longest summary, in chars. */
    public static final int SUMMARY_LENGTH = 120;

    static FileStats failed(Path path, String message) {
        return new FileStats(path, 0, 0, 0, "", false, message);
    }

    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }

    /** The stats of a text (path {@code null}). */
    public static FileStats of(String text) {
        Counter c = new Counter();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        c.feed(b, b.length);
        return c.result(null, b.length);
    }

    static FileStats ofFile(Path path, ChunkReader reader) {
        Counter c = new Counter();
        ChunkReader.Outcome o = reader.read(path, (buf, len, lineEnd, eof) -> {
            c.feed(buf, lineEnd);
            return lineEnd;
        });
        if (o.error() != null) {
            return new FileStats(path, o.size(), 0, 0, "", false, o.error());
        }
        if (o.binary()) {
            return new FileStats(path, o.size(), 0, 0, "", true, null);
        }
        return c.result(path, o.size());
    }

    private static final class Counter {
        long newlines;
        long words;
        boolean inWord;
        int last = -1;
        String summary;

        void feed(byte[] b, int len) {
            for (int i = 0; i < len; i++) {
                int x = b[i];
                if (x == '\n') {
                    newlines++;
                }
                boolean space = x == ' ' || x == '\n' || x == '\t' || x == '\r' || x == '\f' || x == 0x0B;
                if (!space && !inWord) {
                    words++;
                }
                inWord = !space;
            }
            if (len > 0) {
                last = b[len - 1];
            }
            if (summary == null) {
                int s = 0;
                while (s < len) {
                    int e = s;
                    while (e < len && b[e] != '\n') {
                        e++;
                    }
                    String line = new String(b, s, Math.min(e - s, SUMMARY_LENGTH * 4), StandardCharsets.UTF_8).strip();
                    if (!line.isEmpty()) {
                        summary = cut(line);
                        break;
                    }
                    s = e + 1;
                }
            }
        }

        FileStats result(Path path, long size) {
            long lines = newlines + (last >= 0 && last != '\n' ? 1 : 0);
            return new FileStats(path, size, lines, words, summary == null ? "" : summary, false, null);
        }

        private static String cut(String s) {
            if (s.length() <= SUMMARY_LENGTH) {
                return s;
            }
            int end = SUMMARY_LENGTH;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            return s.substring(0, end);
        }
    }
}
