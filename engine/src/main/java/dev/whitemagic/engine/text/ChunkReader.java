package dev.whitemagic.engine.text;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file once, in line-aligned chunks: whole for ordinary sizes, streamed through a
 * bounded buffer above {@link #wholeFileLimit}. The consumer sees each buffer with the offset
 * after its last newline and says which tail to carry into the next round, so a line (and any
 * context a kernel wants to keep) is never split.
 */
class ChunkReader {

    /** Files up to this size are read in one piece. */
    static final int DEFAULT_WHOLE_FILE_LIMIT = 32 << 20;
    /** The streaming buffer for larger files. */
    static final int DEFAULT_CHUNK = 4 << 20;
    /** A line longer than this is cut (searched in pieces) rather than buffered further. */
    static final int MAX_LINE = 64 << 20;

    /** The consumer of one round. */
    interface Consumer {
        /**
         * @param buf     the bytes; {@code [0, len)} are valid
         * @param lineEnd the offset after the last newline (or {@code len} at the end of the file
         *                or when one line fills the whole buffer)
         * @param eof     whether this is the last round
         * @return the offset from which bytes are carried into the next round ({@code ≤ lineEnd};
         *         {@code lineEnd} to carry only the partial line), or {@code -1} to stop reading
         */
        int accept(byte[] buf, int len, int lineEnd, boolean eof);
    }

    private final int wholeFileLimit;
    private final int chunk;

    ChunkReader(int wholeFileLimit, int chunk) {
        this.wholeFileLimit = wholeFileLimit;
        this.chunk = Math.max(16, chunk);
    }

    static ChunkReader defaults() {
        return new ChunkReader(DEFAULT_WHOLE_FILE_LIMIT, DEFAULT_CHUNK);
    }

    /** What happened to one file. */
    record Outcome(long size, boolean binary, String error) {}

    /**
     * Reads {@code path} and feeds {@code consumer}; binary files (a NUL in the first 8 KiB) are
     * reported and not fed. Never throws for bad input.
     */
    /** Overridable for tests only. */
    Outcome read(Path path, Consumer consumer) {
        SafeFiles.Checked checked = SafeFiles.check(path, true);
        if (!checked.ok()) {
            return new Outcome(0, false, checked.error());
        }
        long size = checked.attributes().size();
        int cap = size <= wholeFileLimit ? (int) Math.max(size, 1) : chunk;
        byte[] buf = new byte[cap];
        try (InputStream in = Files.newInputStream(path)) {
            int len = 0;
            boolean first = true;
            boolean eof = false;
            boolean whole = size <= wholeFileLimit;
            while (true) {
                int n = whole && !first ? -1 : in.readNBytes(buf, len, buf.length - len);
                len += Math.max(n, 0);
                eof = whole || n < 1 || len < buf.length;
                if (whole && first) {
                    eof = true; // the size seen at check time; a file growing meanwhile is read to that size
                }
                if (first) {
                    first = false;
                    if (SafeFiles.looksBinary(buf, len)) {
                        return new Outcome(size, true, null);
                    }
                }
                int lineEnd = eof ? len : lastNewline(buf, len) + 1;
                boolean forced = false;
                if (lineEnd == 0 && len == buf.length) {
                    if (buf.length >= MAX_LINE) {
                        lineEnd = len;
                        forced = true;
                    } else {
                        buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
                        continue;
                    }
                }
                int keep = consumer.accept(buf, len, lineEnd, eof);
                if (keep < 0 || eof) {
                    return new Outcome(size, false, null);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return new Outcome(size, false, "cancelled");
                }
                if (keep == 0 && !forced && len == buf.length) {
                    // The consumer needs more context than the buffer holds: grow it.
                    if (buf.length >= MAX_LINE) {
                        keep = lineEnd;
                    } else {
                        buf = java.util.Arrays.copyOf(buf, Math.min(MAX_LINE, buf.length * 2));
                        continue;
                    }
                }
                System.arraycopy(buf, keep, buf, 0, len - keep);
                len -= keep;
            }
        } catch (IOException e) {
            return new Outcome(size, false, SafeFiles.describe(e));
        } catch (OutOfMemoryError e) {
            return new Outcome(size, false, "too large to read into memory");
        }
    }

    private static int lastNewline(byte[] buf, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
