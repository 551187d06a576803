package dev.whitemagic.engine.text;

import dev.whitemagic.engine.internal.NativeFiles;
import dev.whitemagic.engine.internal.NativeText;
import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

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
    /** The streaming buffer for a file that says its size is 0 (/proc, /sys): small, most are. */
    static final int SIZELESS_CHUNK = 64 << 10;
    /** A file that says its size is 0 is read this far at most. */
    static final long MAX_SIZELESS = 256L << 20;
    /** A UTF-16 file (byte order mark) is transcoded whole, up to this size. */
    static final long MAX_UTF16 = 256L << 20;
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
        default void mirror(MemorySegment text) {
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
    Outcome read(Path path, BasicFileAttributes known, Consumer consumer) {
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

    /**
     * Reads an open file of (about) {@code size} bytes; closing it is the caller's. A size of 0
     * is not believed: /proc and /sys files say 0 and hold text, so such a file is streamed to its
     * end (at most {@link #MAX_SIZELESS}), as ripgrep reads it. A file that starts with a UTF-16
     * byte order mark is handed on transcoded to UTF-8, one starting with UTF-8's without it.
     */
    private Outcome read(InputStream in, long size, Consumer consumer) {
        boolean sizeless = size == 0;
        boolean whole = !sizeless && size <= wholeFileLimit;
        int cap = whole ? (int) size : sizeless ? SIZELESS_CHUNK : chunk;
        byte[] buf = null;
        try {
            buf = borrow(cap);
            int len = 0;
            long total = 0;
            boolean first = true;
            boolean eof;
            while (true) {
                int n = whole && !first ? -1 : in.readNBytes(buf, len, cap - len);
                len += Math.max(n, 0);
                total += Math.max(n, 0);
                // whole: the size seen at check time; a file growing meanwhile is read to that size
                eof = whole || n < 1 || len < cap;
                if (sizeless && total > MAX_SIZELESS) {
                    return new Outcome(size, false, "says it is empty but gives more than "
                            + (MAX_SIZELESS >> 20) + " MiB: stopped there");
                }
                if (first) {
                    first = false;
                    int bom = Bom.of(buf, len);
                    if (bom == Bom.UTF_16LE || bom == Bom.UTF_16BE) {
                        return readUtf16(in, buf, len, size, bom, consumer);
                    }
                    if (bom == Bom.UTF_8) {
                        len -= 3; // text from after the mark, as ripgrep searches it
                        System.arraycopy(buf, 3, buf, 0, len);
                    }
                    // a small file read whole natively: its native copy, when it holds no NUL at all
                    // (then it is not binary either), goes to the consumer for the C library's search
                    MemorySegment mirror = eof && bom == Bom.NONE
                            && in instanceof NativeFiles.OpenFile f ? f.mirror(len) : null;
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

    /**
     * A file with a UTF-16 byte order mark ({@code head}: its first {@code len} bytes), read to the
     * end (at most {@link #MAX_UTF16} bytes) and handed on as UTF-8 in one round. Not binary
     * for its NUL bytes: they are half of UTF-16's ASCII.
     */
    private static Outcome readUtf16(InputStream in, byte[] head, int len, long size, int bom, Consumer consumer)
            throws IOException {
        long room = MAX_UTF16 - len;
        byte[] rest = in.readNBytes((int) Math.max(0, room + 1));
        if (rest.length > room) {
            return new Outcome(size, false, "UTF-16 text larger than " + (MAX_UTF16 >> 20) + " MiB: not read");
        }
        byte[] all = new byte[len + rest.length];
        System.arraycopy(head, 0, all, 0, len);
        System.arraycopy(rest, 0, all, len, rest.length);
        Charset charset = bom == Bom.UTF_16LE ? StandardCharsets.UTF_16LE
                : StandardCharsets.UTF_16BE;
        byte[] utf8 = new String(all, 2, all.length - 2, charset).getBytes(StandardCharsets.UTF_8);
        consumer.accept(utf8, utf8.length, utf8.length, true);
        return new Outcome(size, false, null);
    }

    /** The byte order mark a file starts with, if any: a look at its first bytes, nothing more. */
    static final class Bom {
        static final int NONE = 0;
        static final int UTF_8 = 1;
        static final int UTF_16LE = 2;
        static final int UTF_16BE = 3;

        private Bom() {}

        static int of(byte[] b, int len) {
            if (len < 2) {
                return NONE;
            }
            if (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) {
                return UTF_16LE;
            }
            if (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) {
                return UTF_16BE;
            }
            return len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? UTF_8 : NONE;
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
