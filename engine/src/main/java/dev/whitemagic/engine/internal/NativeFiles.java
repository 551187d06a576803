package dev.whitemagic.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Directory listing and file reading through the C library on Linux (the Foreign Function &amp;
 * Memory API), for the two places where the JDK's file API costs a folder walk most of its
 * time: it cannot tell a file's type from the directory entry ({@code readdir}'s {@code d_type}),
 * so walking means one {@code stat} per file, a full path lookup each; and it cannot open a file
 * without blocking when it turns out to be a FIFO. Here a walk learns each entry's type from the
 * listing, and {@link #openRegular} opens with {@code O_NONBLOCK}, asks the open descriptor what
 * it is (no second path lookup, no race between the check and the open) and refuses anything but
 * a regular file.
 *
 * <p>{@link #available()} is false off Linux/glibc, when native access is not allowed, or when
 * linking failed; callers then use the JDK's API. Every method is thread-safe; each thread keeps
 * a small native buffer of its own.
 */
public final class NativeFiles {

    /** Entry types, as {@code d_type}. */
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    private static final int O_RDONLY = 0;
    private static final int O_NOCTTY = 0x100;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_SIZE = 0x200;
    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;
    private static final int EINTR = 4;
    private static final int STATX_SIZE_BYTES = 256;
    private static final int STATX_MODE_OFFSET = 28;
    private static final int STATX_FILE_SIZE_OFFSET = 40;
    private static final int DIRENT_RECLEN_OFFSET = 16;
    private static final int DIRENT_TYPE_OFFSET = 18;
    private static final int DIRENT_NAME_OFFSET = 19;
    /** Each thread's scratch: a path, a statx record, and a read buffer. */
    private static final int SCRATCH = 64 * 1024;
    private static final int PATH_MAX = 4096;
    private static final int NAME_MAX = 255;

    private static final Lib LIB = Lib.link();
    private static final ThreadLocal<Scratch> SCRATCHES = ThreadLocal.withInitial(Scratch::new);

    private NativeFiles() {}

    /**
     * Links the C library functions on a background thread: about 40 ms of work a program about
     * to walk folders can overlap with its own start (a caller meanwhile waits for it, as for any
     * class being initialised).
     */
    public static void linkInBackground() {
        Thread.ofPlatform().daemon().name("wm-native-link").start(NativeFiles::available);
    }

    /** Whether the C library is in use (else the callers use the JDK's file API). */
    public static boolean available() {
        return LIB != null;
    }

    /** An entry of a folder: its name and {@code d_type} ({@link #DT_UNKNOWN} when the file system does not say). */
    public record Entry(String name, int type) {}

    /**
     * The entries of {@code dir} (without {@code .} and {@code ..}), or null when a name is not
     * valid UTF-8 (the caller then lists the folder with the JDK, which keeps such names exact).
     *
     * @throws IOException as the JDK's listing would: {@link NoSuchFileException},
     *                     {@link AccessDeniedException}, {@link NotDirectoryException}, …
     */
    public static List<Entry> list(Path dir) throws IOException {
        Lib lib = require();
        Scratch s = SCRATCHES.get();
        MemorySegment cpath = s.path(dir);
        if (cpath == null) {
            return null;
        }
        MemorySegment handle;
        try {
            handle = (MemorySegment) lib.opendir.invokeExact(s.errno, cpath);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (handle.address() == 0) {
            throw failure(dir, s.errno());
        }
        List<Entry> entries = new ArrayList<>();
        try {
            while (true) {
                MemorySegment e = (MemorySegment) lib.readdir.invokeExact(s.errno, handle);
                if (e.address() == 0) {
                    break;
                }
                // the record is d_reclen bytes long; nothing past that is read
                MemorySegment rec = e.reinterpret(DIRENT_NAME_OFFSET + NAME_MAX + 1);
                int reclen = Short.toUnsignedInt(rec.get(ValueLayout.JAVA_SHORT_UNALIGNED, DIRENT_RECLEN_OFFSET));
                int type = Byte.toUnsignedInt(rec.get(ValueLayout.JAVA_BYTE, DIRENT_TYPE_OFFSET));
                int max = Math.min(reclen - DIRENT_NAME_OFFSET, NAME_MAX + 1);
                byte[] name = s.name;
                MemorySegment.copy(rec, ValueLayout.JAVA_BYTE, DIRENT_NAME_OFFSET, name, 0, max);
                int len = 0;
                while (len < max && name[len] != 0) {
                    len++;
                }
                if (len == 1 && name[0] == '.' || len == 2 && name[0] == '.' && name[1] == '.') {
                    continue;
                }
                String text = new String(name, 0, len, StandardCharsets.UTF_8);
                if (text.indexOf('\uFFFD') >= 0 && !validUtf8(java.util.Arrays.copyOf(name, len))) {
                    return null;
                }
                entries.add(new Entry(text, type));
            }
        } catch (Throwable t) {
            throw unexpected(t);
        } finally {
            try {
                int ignored = (int) lib.closedir.invokeExact(s.errno, handle);
            } catch (Throwable t) {
                // closing a listing does not fail in a way the walk could act on
            }
        }
        return entries;
    }

    /**
     * Opens {@code file} for reading if it is a regular file (following links), without ever
     * blocking on a FIFO or a device.
     *
     * @return the open file, or null when the path names something else: then
     *         {@link #notRegular} says what (this is no error of the disk, so not an exception)
     * @throws IOException as the JDK's open would ({@link NoSuchFileException}, …)
     */
    public static OpenFile openRegular(Path file) throws IOException {
        Lib lib = require();
        Scratch s = SCRATCHES.get();
        MemorySegment cpath = s.path(file);
        if (cpath == null) {
            throw new NoSuchFileException(file.toString(), null, "path is not valid UTF-8");
        }
        int fd;
        try {
            do {
                fd = (int) lib.open.invokeExact(s.errno, cpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
            } while (fd < 0 && s.errno() == EINTR);
        } catch (Throwable t) {
            throw unexpected(t);
        }
        if (fd < 0) {
            throw failure(file, s.errno());
        }
        boolean ok = false;
        try {
            int r = (int) lib.statx.invokeExact(s.errno, fd, s.empty, AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, s.stat);
            if (r != 0) {
                throw failure(file, s.errno());
            }
            int mode = Short.toUnsignedInt(s.stat.get(ValueLayout.JAVA_SHORT, STATX_MODE_OFFSET));
            long size = s.stat.get(ValueLayout.JAVA_LONG, STATX_FILE_SIZE_OFFSET);
            OpenFile f = new OpenFile(fd, mode & S_IFMT, size);
            ok = true;
            return f;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        } finally {
            if (!ok) {
                closeQuietly(fd);
            }
        }
    }

    /**
     * A file opened by {@link #openRegular}: an {@link InputStream} over the descriptor; close it.
     * Single-threaded, as any stream.
     */
    public static final class OpenFile extends InputStream {
        private int fd;
        private final int format;
        private final long size;

        private OpenFile(int fd, int format, long size) {
            this.fd = fd;
            this.format = format;
            this.size = size;
        }

        /** Whether it is a regular file (else: {@link #notRegular()} and nothing to read). */
        public boolean isRegular() {
            return format == S_IFREG;
        }

        /** What it is when not a regular file, in the words of {@link SafeFiles#check}. */
        public String notRegular() {
            return format == S_IFDIR ? "is a directory" : "not a regular file (FIFO, socket or device): not opened";
        }

        /** The size when opened. */
        public long size() {
            return size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 1 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (fd < 0) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            Scratch s = SCRATCHES.get();
            int want = Math.min(len, SCRATCH);
            long n;
            try {
                do {
                    n = (long) LIB.read.invokeExact(s.errno, fd, s.buffer, (long) want);
                } while (n < 0 && s.errno() == EINTR);
            } catch (Throwable t) {
                throw unexpected(t);
            }
            if (n < 0) {
                throw new IOException(strerror(s.errno()).toLowerCase(Locale.ROOT));
            }
            if (n == 0) {
                return -1;
            }
            MemorySegment.copy(s.buffer, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
            return (int) n;
        }

        @Override
        public void close() {
            if (fd >= 0) {
                closeQuietly(fd);
                fd = -1;
            }
        }
    }

    // ---- internals ----

    private static Lib require() {
        if (LIB == null) {
            throw new UnsupportedOperationException("native file access is not available");
        }
        return LIB;
    }

    private static void closeQuietly(int fd) {
        try {
            int ignored = (int) LIB.close.invokeExact(SCRATCHES.get().errno, fd);
        } catch (Throwable t) {
            // nothing to do: the descriptor is gone either way on Linux
        }
    }

    private static boolean validUtf8(byte[] b) {
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b), java.nio.CharBuffer.allocate(b.length), true)
                .isUnderflow();
    }

    /** The JDK's exception for {@code errno}, so {@link SafeFiles#describe} words it the same. */
    private static IOException failure(Path path, int errno) {
        String p = path.toString();
        return switch (errno) {
            case 2 -> new NoSuchFileException(p);
            case 1, 13 -> new AccessDeniedException(p);
            case 20 -> new NotDirectoryException(p);
            default -> new FileSystemException(p, null, strerror(errno));
        };
    }

    private static IOException unexpected(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        return new IOException(t);
    }

    private static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) LIB.strerror.invokeExact(errno);
            return s.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }

    /** One thread's native memory, freed with the thread. */
    private static final class Scratch {
        final Arena arena = Arena.ofAuto();
        final MemorySegment errno = arena.allocate(Lib.CAPTURE);
        final MemorySegment stat = arena.allocate(STATX_SIZE_BYTES, 8);
        final MemorySegment empty = arena.allocate(1);
        final MemorySegment buffer = arena.allocate(SCRATCH, 8);
        final MemorySegment pathBuf = arena.allocate(PATH_MAX);
        final byte[] name = new byte[NAME_MAX + 1];

        int errno() {
            return (int) Lib.ERRNO.get(errno, 0L);
        }

        /** {@code path} as a C string in this thread's buffer, or null when it cannot be one. */
        MemorySegment path(Path path) {
            String s = path.toString();
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length >= PATH_MAX || s.indexOf('\uFFFD') >= 0 || s.indexOf('\0') >= 0) {
                return null;
            }
            MemorySegment.copy(b, 0, pathBuf, ValueLayout.JAVA_BYTE, 0, b.length);
            pathBuf.set(ValueLayout.JAVA_BYTE, b.length, (byte) 0);
            return pathBuf;
        }
    }

    /** The linked functions; null when they cannot be had. */
    private record Lib(MethodHandle opendir, MethodHandle readdir, MethodHandle closedir, MethodHandle open,
            MethodHandle statx, MethodHandle read, MethodHandle close, MethodHandle strerror) {

        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));

        static Lib link() {
            if (!System.getProperty("os.name", "").equals("Linux")
                    || !List.of("amd64", "x86_64", "aarch64").contains(System.getProperty("os.arch", ""))
                    || Boolean.getBoolean("whitemagic.noNativeFiles")) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errno = Linker.Option.captureCallState("errno");
                ValueLayout ptr = ValueLayout.ADDRESS;
                ValueLayout i32 = ValueLayout.JAVA_INT;
                ValueLayout i64 = ValueLayout.JAVA_LONG;
                return new Lib(
                        linker.downcallHandle(find(libc, "opendir"), FunctionDescriptor.of(ptr, ptr), errno),
                        linker.downcallHandle(find(libc, "readdir64"), FunctionDescriptor.of(ptr, ptr), errno),
                        linker.downcallHandle(find(libc, "closedir"), FunctionDescriptor.of(i32, ptr), errno),
                        linker.downcallHandle(find(libc, "open"), FunctionDescriptor.of(i32, ptr, i32), errno,
                                Linker.Option.firstVariadicArg(2)),
                        linker.downcallHandle(find(libc, "statx"), FunctionDescriptor.of(i32, i32, ptr, i32, i32, ptr),
                                errno),
                        linker.downcallHandle(find(libc, "read"), FunctionDescriptor.of(i64, i32, ptr, i64), errno),
                        linker.downcallHandle(find(libc, "close"), FunctionDescriptor.of(i32, i32), errno),
                        linker.downcallHandle(find(libc, "strerror"), FunctionDescriptor.of(ptr, i32)));
            } catch (Throwable t) {
                // not Linux/glibc, native access denied, or a symbol missing: the JDK's API then
                return null;
            }
        }

        private static MemorySegment find(SymbolLookup lookup, String name) {
            return lookup.find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in the C library"));
        }
    }
}
