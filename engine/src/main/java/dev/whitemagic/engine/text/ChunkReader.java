package dev.whitemagic.engine.text;

import dev.whitemagic.engine.internal.NativeFiles;
import dev.whitemagic.engine.internal.NativeText;
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

        /**
         * Before the only round of a small file: the same bytes in native memory, followed by a
         * NUL and holding none before it ({@link NativeFiles.OpenFile#mirror}), valid during that
         * round; for the C library's string search. Not called otherwise.
         */
        default void mirror(java.lang.foreign.MemorySegment text) {
        }
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
        return read(path, null, consumer);
    }

    /**
     * As {@link #read(Path, Consumer)}. On Linux the file is opened natively and asked what it is
     * through the descriptor ({@link NativeFiles#openRegular}), so {@code known} is not needed;
     * elsewhere (the JDK's API) {@code known}, the attributes a folder walk has just read for
     * {@code path}, is trusted when it says regular file: it is not asked again. Null: they are
     * read here.
     */
    Outcome read(Path path, java.nio.file.attribute.BasicFileAttributes known, Consumer consumer) {
        NativeFiles.OpenFile opened = null;
        if (NativeFiles.available()) {
            // Opened without blocking and asked what it is through the descriptor: no separate
            // stat, and a FIFO put in the file's place after the walk is refused, not waited on.
            try {
                opened = NativeFiles.openRegular(path);
            } catch (IOException e) {
                return new Outcome(0, false, SafeFiles.describe(e));
            }
        }
        if (opened != null) {
            return read(opened, consumer);
        }
        long size;
        if (known != null && known.isRegularFile()) {
            size = known.size();
        } else {
            SafeFiles.Checked checked = SafeFiles.check(path, true);
            if (!checked.ok()) {
                return new Outcome(0, false, checked.error());
            }
            size = checked.attributes().size();
        }
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (IOException e) {
            return new Outcome(size, false, SafeFiles.describe(e));
        }
        try (in) {
            return read(in, size, consumer);
        } catch (IOException e) {
            return new Outcome(size, false, SafeFiles.describe(e));
        }
    }

    /**
     * As {@link #read(Path, Consumer)}, for the file {@code name} in the open {@code folder} (a
     * walk's, on Linux): opened by name there, one name for the kernel to look up instead of the
     * whole path. The caller keeps holding {@code folder}.
     */
    Outcome read(Path path, NativeFiles.Folder folder, String name, Consumer consumer) {
        NativeFiles.OpenFile opened;
        try {
            opened = NativeFiles.openRegular(folder, name, path);
        } catch (IOException e) {
            return new Outcome(0, false, SafeFiles.describe(e));
        }
        return opened == null ? read(path, null, consumer) : read(opened, consumer);
    }

    /** Reads a natively opened file (if regular), and closes it. */
    private Outcome read(NativeFiles.OpenFile opened, Consumer consumer) {
        try (NativeFiles.OpenFile file = opened) {
            if (!file.isRegular()) {
                return new Outcome(0, false, file.notRegular());
            }
            return read(file, file.size(), consumer);
        }
    }

    /** Reads an open file of (about) {@code size} bytes; closing it is the caller's. */
    private Outcome read(InputStream in, long size, Consumer consumer) {
        boolean whole = size <= wholeFileLimit;
        int cap = whole ? (int) Math.max(size, 1) : chunk;
        byte[] buf = null;
        try {
            buf = borrow(cap);
            int len = 0;
            boolean first = true;
            boolean eof;
            while (true) {
                int n = whole && !first ? -1 : in.readNBytes(buf, len, cap - len);
                len += Math.max(n, 0);
                // whole: the size seen at check time; a file growing meanwhile is read to that size
                eof = whole || n < 1 || len < cap;
                if (first) {
                    first = false;
                    // a small file read whole natively: its native copy, when it holds no NUL at all
                    // (then it is not binary either), goes to the consumer for the C library's search
                    java.lang.foreign.MemorySegment mirror = eof && in instanceof NativeFiles.OpenFile f
                            ? f.mirror(len) : null;
                    if (mirror != null && NativeText.nulFree(mirror, len)) {
                        consumer.mirror(mirror);
                    } else {
                        // natively where the C library is at hand (strlen: vectorised), else in Java
                        int head = Math.min(len, SafeFiles.BINARY_SNIFF);
                        boolean binary = NativeText.available() ? NativeText.hasNul(buf, 0, head)
                                : ByteLiteral.looksBinary(buf, len);
                        if (binary) {
                            return new Outcome(size, true, null);
                        }
                    }
                }
                int lineEnd = eof ? len : lastNewline(buf, len) + 1;
                boolean forced = false;
                if (lineEnd == 0 && len == cap) {
                    if (cap >= MAX_LINE) {
                        lineEnd = len;
                        forced = true;
                    } else {
                        cap = Math.min(MAX_LINE, cap * 2);
                        buf = ensure(buf, cap, len);
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
                if (keep == 0 && !forced && len == cap) {
                    // The consumer needs more context than the buffer holds: grow it.
                    if (cap >= MAX_LINE) {
                        keep = lineEnd;
                    } else {
                        cap = Math.min(MAX_LINE, cap * 2);
                        buf = ensure(buf, cap, len);
                        continue;
                    }
                }
                System.arraycopy(buf, keep, buf, 0, len - keep);
                len -= keep;
            }
        } catch (IOException e) {
            return new Outcome(size, false, SafeFiles.describe(e));
        } catch (OutOfMemoryError e) {
            buf = null;
            return new Outcome(size, false, "too large to read into memory");
        } finally {
            if (buf != null) {
                release(buf);
            }
        }
    }

    // ---- the per-thread read buffer ----

    /** Read buffers up to this size are kept per thread and reused; larger ones are dropped after the file. */
    static final int RETAINED_BUFFER = 8 << 20;
    private static final int MIN_BUFFER = 64 << 10;
    /** The idle buffer of each worker thread (taken out while a file is read, so a nested read gets its own). */
    private static final ThreadLocal<byte[]> IDLE = new ThreadLocal<>();

    /** A buffer of at least {@code cap} bytes: the thread's idle one if large enough, else a new one. */
    static byte[] borrow(int cap) {
        byte[] idle = IDLE.get();
        if (idle != null && idle.length >= cap) {
            IDLE.set(null);
            return idle;
        }
        if (cap > RETAINED_BUFFER) {
            return new byte[cap];
        }
        // Round up so a worker's buffer settles at a size that fits most files after a few grows.
        int size = Math.max(MIN_BUFFER, cap);
        if (Integer.bitCount(size) != 1) {
            size = Math.min(RETAINED_BUFFER, Integer.highestOneBit(size) << 1);
        }
        return new byte[Math.max(size, cap)];
    }

    /** Gives a buffer back after a file; the consumer must not keep a reference to it. */
    static void release(byte[] buf) {
        if (buf.length > RETAINED_BUFFER) {
            return;
        }
        byte[] idle = IDLE.get();
        if (idle == null || idle.length < buf.length) {
            IDLE.set(buf);
        }
    }

    /** {@code buf} if it holds {@code cap} bytes, else a larger copy of its first {@code len} bytes. */
    private static byte[] ensure(byte[] buf, int cap, int len) {
        if (buf.length >= cap) {
            return buf;
        }
        byte[] bigger = cap <= RETAINED_BUFFER ? borrow(cap) : new byte[cap];
        System.arraycopy(buf, 0, bigger, 0, len);
        release(buf);
        return bigger;
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
