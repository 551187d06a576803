package dev.whitemagic.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Directory listing and file reading through Linux system calls (the Foreign Function &amp;
 * Memory API), for the two places where the JDK's file API costs a folder walk most of its
 * time: it cannot tell a file's type from the directory entry ({@code getdents64}'s
 * {@code d_type}), so walking means one {@code stat} per file, a full path lookup each; and it
 * cannot open a file without blocking when it turns out to be a FIFO. Here a walk learns each
 * entry's type from the listing, and {@link #openRegular} opens with {@code O_NONBLOCK}, asks the
 * open descriptor what it is (no second path lookup, no race between the check and the open) and
 * refuses anything but a regular file.
 *
 * <p>Every call goes through one function, the C library's {@code syscall}, so only one native
 * call stub is made at start (each stub is generated code; eight of them cost a command ~40 ms
 * of its start). {@link #available()} is false off Linux (x86-64, AArch64), when native access is
 * not allowed, or when linking failed; callers then use the JDK's API. Thread-safe; each thread
 * keeps a small native buffer of its own.
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

    private static final long AT_FDCWD = -100;
    private static final int O_RDONLY = 0;
    private static final int O_NOCTTY = 0x100;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int O_PATH = 0x200000;
    private static final int OPEN_READ = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
    /** {@link Scratch#openPath}'s answer for a path the system cannot be given (not UTF-8, a NUL). */
    private static final long NOT_REPRESENTABLE = -2;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_SIZE = 0x200;
    private static final int S_IFMT = 0xF000;
    private static final int S_IFREG = 0x8000;
    private static final int S_IFDIR = 0x4000;
    private static final int EINTR = 4;
    private static final int STATX_BYTES = 256;
    private static final int STATX_MODE_OFFSET = 28;
    private static final int STATX_FILE_SIZE_OFFSET = 40;
    private static final int DIRENT_RECLEN_OFFSET = 16;
    private static final int DIRENT_TYPE_OFFSET = 18;
    private static final int DIRENT_NAME_OFFSET = 19;
    /** Each thread's folder listing buffer ({@code getdents64}). */
    private static final int SCRATCH = 64 * 1024;
    /**
     * Each thread's read buffer (made at its first read): a file up to this size is read whole
     * in one call, and {@link OpenFile#mirror} can offer it (nearly every source file; the JDK's
     * largest is 0.9 MB).
     */
    private static final int READ_BUFFER = 1 << 20;
    private static final int PATH_MAX = 4096;

    private static final ThreadLocal<Scratch> SCRATCHES = ThreadLocal.withInitial(Scratch::new);

    private NativeFiles() {}

    /**
     * Links the native calls (these and {@link NativeText}'s) on a background thread: work a
     * program about to walk folders can overlap with its own start (a caller meanwhile waits for
     * it, as for any class being initialised).
     */
    public static void linkInBackground() {
        // (this class's own initialisation is trivial: the linking is in Linked, run by the thread)
        Thread.ofPlatform().daemon().name("wm-native-link").start(() -> {
            available();
            NativeText.available();
        });
    }

    /** Whether the system calls are in use (else the callers use the JDK's file API). */
    public static boolean available() {
        return Linked.SYS != null;
    }

    /** The linked calls, in a class of their own so that starting {@link #linkInBackground} does not link them. */
    private static final class Linked {
        static final Sys SYS = Sys.link();
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
        Folder folder = openFolder(dir, null);
        if (folder == null) {
            return null;
        }
        try {
            return list(folder, dir);
        } finally {
            folder.release();
        }
    }

    /**
     * Opens the folder {@code dir}, to {@link #list(Folder, Path) list} it and to open its files
     * relative to it ({@link #openRegular(Folder, String, Path)}); release it when done.
     *
     * @param budget counts the folder as open until it is closed (null: not counted)
     * @return the folder, or null when its path cannot be handed to the system as it is (not
     *         UTF-8, too long): the caller then lists it with the JDK
     * @throws IOException as the JDK's listing would ({@link NotDirectoryException} for a file, …)
     */
    public static Folder openFolder(Path dir, FolderBudget budget) throws IOException {
        Sys sys = require();
        Scratch s = SCRATCHES.get();
        // O_DIRECTORY: a file is refused with ENOTDIR, as the JDK's listing does
        long fd = s.openPath(dir.toString(), O_RDONLY | O_CLOEXEC | sys.oDirectory);
        if (fd == NOT_REPRESENTABLE) {
            return null;
        }
        if (fd < 0) {
            throw failure(dir, s.errno());
        }
        if (budget != null) {
            budget.opened();
        }
        return new Folder((int) fd, budget);
    }

    /**
     * The entries of an open folder ({@code dir} names it in messages), as {@link #list(Path)};
     * once per folder.
     */
    public static List<Entry> list(Folder folder, Path dir) throws IOException {
        Sys sys = require();
        Scratch s = SCRATCHES.get();
        List<Entry> entries = new ArrayList<>();
        byte[] records = s.records;
        int fd = folder.descriptor();
        while (true) {
            long n = s.retrying(sys.getdents64, fd, s.bufferAddress, SCRATCH, 0);
            if (n < 0) {
                throw failure(dir, s.errno());
            }
            if (n == 0) {
                break;
            }
            s.bytes.get(0, records, 0, (int) n);
            for (int at = 0; at < n; ) {
                int reclen = (records[at + DIRENT_RECLEN_OFFSET] & 0xFF)
                        | (records[at + DIRENT_RECLEN_OFFSET + 1] & 0xFF) << 8;
                int type = records[at + DIRENT_TYPE_OFFSET] & 0xFF;
                int from = at + DIRENT_NAME_OFFSET;
                int end = from;
                int limit = at + reclen;
                while (end < limit && records[end] != 0) {
                    end++;
                }
                at = limit;
                int len = end - from;
                if (len == 1 && records[from] == '.' || len == 2 && records[from] == '.' && records[from + 1] == '.') {
                    continue;
                }
                String name = new String(records, from, len, StandardCharsets.UTF_8);
                if (name.indexOf('\uFFFD') >= 0 && !validUtf8(Arrays.copyOfRange(records, from, end))) {
                    return null;
                }
                entries.add(new Entry(name, type));
            }
        }
        return entries;
    }

    /**
     * An open folder, for listing it and opening its files by name: the kernel then looks up one
     * name instead of every folder on the way from the root (over the JDK's sources, ten times:
     * about a tenth of the system time of opening the files). Counted: each holder
     * is counted by {@link #retain} and {@link #release()}s it once; the last release closes it.
     * Thread-safe.
     */
    public static final class Folder {
        private final int fd;
        private final FolderBudget budget;
        private final AtomicInteger holders = new AtomicInteger(1);

        private Folder(int fd, FolderBudget budget) {
            this.fd = fd;
            this.budget = budget;
        }

        int descriptor() {
            return fd;
        }

        /** {@code more} more holders at once (only while the caller holds it). */
        public Folder retain(int more) {
            if (holders.getAndAdd(more) <= 0) {
                throw new IllegalStateException("folder already closed");
            }
            return this;
        }

        /** The caller holds it no longer; the last holder's release closes it. */
        public void release() {
            int left = holders.decrementAndGet();
            if (left == 0) {
                SCRATCHES.get().close(fd);
                if (budget != null) {
                    budget.closed();
                }
            } else if (left < 0) {
                throw new IllegalStateException("folder released more often than held");
            }
        }
    }

    /**
     * How many {@link Folder}s one walk keeps open at most: files handed on with their folder keep
     * it open until they are done, so a walk that runs ahead of the work on its files waits here
     * rather than hold thousands of descriptors. A waiting walk is woken once half of them are
     * free again, not at every close (a wake-up costs a few microseconds; a grep of 15,000
     * folders would spend ~50 ms on them).
     */
    public static final class FolderBudget {
        private final int max;
        private final AtomicInteger open = new AtomicInteger();
        private volatile boolean waiting;

        public FolderBudget(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max must be at least 1");
            }
            this.max = max;
        }

        /**
         * Returns at once while fewer than the maximum are open; else waits until at most half
         * are, or {@code stop} says so.
         *
         * @return false when stopped (nothing to open then)
         */
        public boolean awaitRoom(BooleanSupplier stop) {
            if (open.get() < max) {
                return !stop.getAsBoolean();
            }
            synchronized (this) {
                waiting = true;
                try {
                    while (open.get() > max / 2) {
                        if (stop.getAsBoolean()) {
                            return false;
                        }
                        wait(20); // and look at stop again: a cancelled run may release nothing more
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    waiting = false;
                }
            }
            return !stop.getAsBoolean();
        }

        void opened() {
            open.incrementAndGet();
        }

        void closed() {
            if (open.decrementAndGet() <= max / 2 && waiting) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    /**
     * Opens {@code file} for reading if it is a regular file (following links), without ever
     * blocking on a FIFO or a device.
     *
     * @return the open file; when it names something else {@link OpenFile#isRegular()} is false
     *         and {@link OpenFile#notRegular()} says what (no error of the disk, so no exception);
     *         null when the path cannot be handed to the system as it is (its name is not
     *         UTF-8, or too long): the caller then opens it with the JDK
     * @throws IOException as the JDK's open would ({@link NoSuchFileException}, …)
     */
    public static OpenFile openRegular(Path file) throws IOException {
        return openRegular(file, true);
    }

    /**
     * As {@link #openRegular(Path)}; {@code followLinks} false refuses a symbolic link as the last
     * name ({@code O_NOFOLLOW}: a {@link FileSystemException} "too many levels of symbolic links").
     * A path longer than the system's limit ({@code PATH_MAX}, 4,096 bytes) is opened too: its
     * folders are opened a stretch at a time, each relative to the one before.
     */
    public static OpenFile openRegular(Path file, boolean followLinks) throws IOException {
        Scratch s = SCRATCHES.get();
        require();
        long fd = s.openPath(file.toString(), OPEN_READ | (followLinks ? 0 : O_NOFOLLOW));
        if (fd == NOT_REPRESENTABLE) {
            return null;
        }
        return opened(s, fd, file);
    }

    /**
     * As {@link #openRegular(Path)}, for the file {@code name} in {@code folder} ({@code file} is
     * its path, for messages). The caller keeps holding {@code folder}; the open file does not
     * need it.
     */
    public static OpenFile openRegular(Folder folder, String name, Path file) throws IOException {
        Scratch s = SCRATCHES.get();
        long cname = s.name(name);
        if (cname == 0) {
            return null;
        }
        return open(s, folder.descriptor(), cname, file);
    }

    private static OpenFile open(Scratch s, long dirfd, long cpath, Path file) throws IOException {
        Sys sys = require();
        return opened(s, s.retrying(sys.openat, dirfd, cpath, OPEN_READ, 0), file);
    }

    /** The file open as {@code fd} (or -1: the error in errno), asked what it is. */
    private static OpenFile opened(Scratch s, long fd, Path file) throws IOException {
        Sys sys = require();
        if (fd < 0) {
            throw failure(file, s.errno());
        }
        boolean ok = false;
        try {
            long r = s.call(sys.statx, fd, s.emptyAddress, AT_EMPTY_PATH, STATX_TYPE | STATX_SIZE, s.statAddress);
            if (r != 0) {
                throw failure(file, s.errno());
            }
            int mode = Short.toUnsignedInt(s.stat.get(ValueLayout.JAVA_SHORT, STATX_MODE_OFFSET));
            long size = s.stat.get(ValueLayout.JAVA_LONG, STATX_FILE_SIZE_OFFSET);
            OpenFile f = new OpenFile((int) fd, mode & S_IFMT, size, s);
            ok = true;
            return f;
        } finally {
            if (!ok) {
                s.close(fd);
            }
        }
    }

    /**
     * A file opened by {@link #openRegular}: an {@link InputStream} over the descriptor; close it.
     * Single-threaded, as any stream (best read by the thread that opened it).
     */
    public static final class OpenFile extends InputStream {
        private int fd;
        private final int format;
        private final long size;
        /** The opening thread and its buffer (a thread-local lookup per read costs more than the read's bookkeeping). */
        private final Thread owner = Thread.currentThread();
        private final Scratch ownerScratch;

        private OpenFile(int fd, int format, long size, Scratch scratch) {
            this.fd = fd;
            this.format = format;
            this.size = size;
            this.ownerScratch = scratch;
        }

        private Scratch scratch() {
            return Thread.currentThread() == owner ? ownerScratch : SCRATCHES.get();
        }

        /** Whether it is a regular file (else: {@link #notRegular()} and nothing to read). */
        public boolean isRegular() {
            return format == S_IFREG;
        }

        /** What it is when not a regular file, in the words of {@link SafeFiles#check}. */
        public String notRegular() {
            return format == S_IFDIR ? SafeFiles.IS_DIRECTORY : SafeFiles.NOT_REGULAR;
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
            Objects.checkFromIndexSize(off, len, b.length);
            if (fd < 0) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            Scratch s = scratch();
            Scratch.ReadBuffer r = s.readBuffer();
            long n = s.retrying(Linked.SYS.read, fd, r.address, Math.min(len, READ_BUFFER), 0);
            if (n < 0) {
                throw new IOException(message(s.errno()));
            }
            if (n == 0) {
                return -1;
            }
            r.bytes.get(0, b, off, (int) n);
            if (firstRead < 0) {
                firstRead = (int) n; // bytes from the start of the file, wherever they went in b
            }
            return (int) n;
        }

        /** Bytes the first read gave (from the start of the file); -1 before it. */
        private int firstRead = -1;

        /**
         * The whole file in this thread's native read buffer, as the first read left it there (the
         * same bytes as were copied to the reader), followed by a NUL: for the C library's string
         * search, whose answers are offsets here. Only when that read gave the whole file, of
         * {@code length} bytes (at most {@link #READ_BUFFER}: 1 MiB), and only until this thread reads
         * again; else null.
         */
        public MemorySegment mirror(int length) {
            if (firstRead != length || length != size || Thread.currentThread() != owner) {
                return null;
            }
            MemorySegment m = ownerScratch.readBuffer().segment;
            m.set(ValueLayout.JAVA_BYTE, length, (byte) 0);
            return m;
        }

        @Override
        public void close() {
            if (fd >= 0) {
                scratch().close(fd);
                fd = -1;
            }
        }
    }

    // ---- internals ----

    private static Sys require() {
        Sys sys = Linked.SYS;
        if (sys == null) {
            throw new UnsupportedOperationException("native file access is not available");
        }
        return sys;
    }

    private static boolean validUtf8(byte[] b) {
        return StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(b), CharBuffer.allocate(b.length), true).isUnderflow();
    }

    /** The JDK's exception for {@code errno}, so {@link SafeFiles#describe} words it the same. */
    private static IOException failure(Path path, int errno) {
        String p = path.toString();
        return switch (errno) {
            case 2 -> new NoSuchFileException(p);
            case 1, 13 -> new AccessDeniedException(p);
            case 20 -> new NotDirectoryException(p);
            default -> new FileSystemException(p, null, message(errno));
        };
    }

    /** The C library's words for {@code errno} ({@code strerror}, linked only when needed). */
    private static String message(int errno) {
        return Messages.of(errno);
    }

    private static final class Messages {
        private static final MethodHandle STRERROR = link();

        private static MethodHandle link() {
            try {
                Linker linker = Linker.nativeLinker();
                return linker.downcallHandle(linker.defaultLookup().find("strerror").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            } catch (RuntimeException e) {
                return null;
            }
        }

        static String of(int errno) {
            if (STRERROR != null) {
                try {
                    MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
                    return s.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
                } catch (Throwable t) {
                    // fall through to the number
                }
            }
            return "error " + errno;
        }
    }

    /** One thread's native memory (freed with the thread) and its system calls. */
    private static final class Scratch {
        final Arena arena = Arena.ofAuto();
        final MemorySegment errno = arena.allocate(Sys.CAPTURE);
        final MemorySegment stat = arena.allocate(STATX_BYTES, 8);
        final long statAddress = stat.address();
        final long emptyAddress = arena.allocate(1).address();
        /** The listing buffer. */
        final MemorySegment buffer = arena.allocate(SCRATCH, 8);
        final long bufferAddress = buffer.address();
        /** The buffer as a ByteBuffer: its bulk get copies without making a segment per call. */
        final ByteBuffer bytes = buffer.asByteBuffer();
        private ReadBuffer read;

        /** The read buffer, a byte longer than a read: room for the NUL of {@link OpenFile#mirror}. */
        record ReadBuffer(MemorySegment segment, long address, ByteBuffer bytes) {}

        ReadBuffer readBuffer() {
            ReadBuffer r = read;
            if (r == null) {
                MemorySegment m = arena.allocate(READ_BUFFER + 1, 8);
                r = read = new ReadBuffer(m, m.address(), m.asByteBuffer());
            }
            return r;
        }
        final MemorySegment pathBuf = arena.allocate(PATH_MAX);
        final long pathAddress = pathBuf.address();
        final byte[] records = new byte[SCRATCH];

        int errno() {
            return (int) Sys.ERRNO.get(errno, 0L);
        }

        /**
         * A system call; -1 on failure, then {@link #errno()}. It runs without saving
         * {@code errno} (saving it costs an object per call in the JIT's quick code); only when
         * it fails is it made again with {@code errno} saved (the calls made here fail the same
         * way twice, or succeed the second time, which is as good).
         */
        long call(long number, long a, long b, long c, long d, long e) {
            try {
                long r = (long) Linked.SYS.syscall.invokeExact(number, a, b, c, d, e);
                if (r == -1) {
                    r = (long) Capturing.SYSCALL.invokeExact(errno, number, a, b, c, d, e);
                }
                return r;
            } catch (Throwable t) {
                throw new IllegalStateException("system call " + number + " failed to run", t);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        /** A system call of up to four arguments, again when a signal interrupted it. */
        long retrying(long number, long a, long b, long c, long d) {
            long r;
            do {
                r = call(number, a, b, c, d, 0);
            } while (r < 0 && errno() == EINTR);
            return r;
        }

        void close(long fd) {
            call(Linked.SYS.close, fd, 0, 0, 0, 0); // the descriptor is gone either way on Linux
        }

        /**
         * Opens {@code path} with {@code flags}: the descriptor, -1 (the reason in {@link #errno()})
         * or {@link #NOT_REPRESENTABLE}. A path of {@code PATH_MAX} bytes or more, which the
         * system refuses whole, is opened a stretch of folders at a time ({@code O_PATH}, each
         * relative to the one before, closed once the next is open): no descriptor is held
         * after it, and the same names are looked up as for the whole path.
         */
        long openPath(String path, long flags) {
            long cpath = name(path);
            if (cpath != 0) {
                return retrying(Linked.SYS.openat, AT_FDCWD, cpath, flags, 0);
            }
            if (path.indexOf('\uFFFD') >= 0 || path.indexOf('\0') >= 0) {
                return NOT_REPRESENTABLE;
            }
            byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
            long dirfd = AT_FDCWD;
            int from = 0;
            try {
                while (bytes.length - from >= PATH_MAX) {
                    int cut = from + PATH_MAX - 1;
                    while (cut > from && bytes[cut] != '/') {
                        cut--;
                    }
                    if (cut == from && bytes[from] != '/') {
                        return NOT_REPRESENTABLE; // no folder boundary in a whole stretch: not a real path
                    }
                    long next = retrying(Linked.SYS.openat, dirfd, cString(bytes, from, Math.max(cut, from + 1)),
                            O_PATH | O_CLOEXEC | Linked.SYS.oDirectory, 0);
                    if (next < 0) {
                        return -1;
                    }
                    if (dirfd != AT_FDCWD) {
                        close(dirfd);
                    }
                    dirfd = next;
                    from = cut + 1;
                    while (from < bytes.length && bytes[from] == '/') {
                        from++;
                    }
                }
                long leaf = from == bytes.length ? cString(new byte[] {'.'}, 0, 1) : cString(bytes, from, bytes.length);
                return retrying(Linked.SYS.openat, dirfd, leaf, flags, 0);
            } finally {
                if (dirfd != AT_FDCWD) {
                    int saved = errno();
                    close(dirfd);
                    Sys.ERRNO.set(errno, 0L, saved); // the close must not hide why the open failed
                }
            }
        }

        /** {@code bytes[from, to)} as a C string in this thread's path buffer. */
        private long cString(byte[] bytes, int from, int to) {
            MemorySegment.copy(bytes, from, pathBuf, ValueLayout.JAVA_BYTE, 0, to - from);
            pathBuf.set(ValueLayout.JAVA_BYTE, to - from, (byte) 0);
            return pathAddress;
        }

        /** {@code s} (a path or a name) as a C string in this thread's buffer, or 0 when it cannot be one. */
        long name(String s) {
            if (s.length() >= PATH_MAX / 4 && s.getBytes(StandardCharsets.UTF_8).length >= PATH_MAX
                    || s.indexOf('\uFFFD') >= 0 || s.indexOf('\0') >= 0) {
                return 0;
            }
            pathBuf.setString(0, s, StandardCharsets.UTF_8);
            return pathAddress;
        }
    }

    /** {@code syscall} saving {@code errno}, linked at the first failed call. */
    private static final class Capturing {
        static final MethodHandle SYSCALL = link();

        private static MethodHandle link() {
            Linker linker = Linker.nativeLinker();
            ValueLayout l = ValueLayout.JAVA_LONG;
            return linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                    FunctionDescriptor.of(l, l, l, l, l, l, l), Linker.Option.captureCallState("errno"),
                    Linker.Option.firstVariadicArg(1));
        }
    }

    /** The one linked function, {@code long syscall(long number, ...)}, and the call numbers. */
    private record Sys(MethodHandle syscall, long openat, long read, long close, long statx,
            long getdents64, long oDirectory) {

        static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        static Sys link() {
            String arch = System.getProperty("os.arch", "");
            if (!System.getProperty("os.name", "").equals("Linux") || Boolean.getBoolean("whitemagic.noNativeFiles")) {
                return null;
            }
            // numbers from the kernel's syscall tables (asm/unistd_64.h; asm-generic/unistd.h), then
            // O_DIRECTORY, which differs too (the other open flags used here are the same on both)
            long[] n = switch (arch) {
                case "amd64", "x86_64" -> new long[] {257, 0, 3, 332, 217, 0x10000};
                case "aarch64" -> new long[] {56, 63, 57, 291, 61, 0x4000};
                default -> null;
            };
            if (n == null) {
                return null;
            }
            try {
                Linker linker = Linker.nativeLinker();
                ValueLayout l = ValueLayout.JAVA_LONG;
                MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                        FunctionDescriptor.of(l, l, l, l, l, l, l), Linker.Option.firstVariadicArg(1));
                return new Sys(syscall, n[0], n[1], n[2], n[3], n[4], n[5]);
            } catch (Throwable t) {
                // native access denied, or no C library: the JDK's API then
                return null;
            }
        }
    }
}
