package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The writer lock of one store folder, across processes: an OS file lock on {@code memory/.lock},
 * which the kernel releases when its process dies, however it dies. Whoever holds it is the only
 * writer of the memory files, the staging folder, the index and {@code metadata.json}; so an
 * unfinished batch found by a holder belongs to a dead process and may be recovered.
 *
 * <p>Within one JVM a semaphore per folder comes first: the OS lock is per process, and POSIX
 * drops every lock a process holds on a file when any descriptor of it closes. So the lock file is
 * opened once per JVM and never read; who holds the lock (for the "waiting for …" line) is in a
 * separate file, {@code memory/.lock-owner}.
 */
final class StoreLock {

    static final String LOCK = ".lock";
    static final String OWNER = ".lock-owner";
    /** How long a writer waits before it says what it waits for. */
    static final Duration QUIET_WAIT = Duration.ofMillis(200);
    private static final long POLL_MS = 25;
    private static final Map<Path, StoreLock> BY_FOLDER = new ConcurrentHashMap<>();

    private final Path memoryDir;
    private final Semaphore inProcess = new Semaphore(1, true);
    private FileChannel channel; // guarded by inProcess
    private FileLock held; // guarded by inProcess

    private StoreLock(Path memoryDir) {
        this.memoryDir = memoryDir;
    }

    /** The one lock object of this folder in this JVM. */
    static StoreLock of(Path memoryDir) {
        return BY_FOLDER.computeIfAbsent(canonical(memoryDir), StoreLock::new);
    }

    /**
     * The folder's real path, the same before it exists as after (its deepest existing ancestor
     * resolved, the rest appended): two spellings of one folder (a link, {@code ..}) must share one
     * lock object, or the JVM would lock the same file twice.
     */
    static Path canonical(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = abs.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        try {
            return existing == null ? abs : existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    /** Takes the lock if it is free now; on success the owner file says {@code what}. */
    boolean tryAcquire(String what) throws IOException {
        if (!inProcess.tryAcquire()) {
            return false;
        }
        boolean ok = false;
        try {
            ok = tryFileLock();
            if (ok) {
                writeOwner(what);
            }
            return ok;
        } finally {
            if (!ok) {
                inProcess.release();
            }
        }
    }

    /**
     * Takes the lock, waiting at most {@code timeout}. After {@link #QUIET_WAIT} of waiting, and
     * whenever the holder changes, {@code onWait} gets a line naming what it waits for.
     *
     * @throws IOException with a message naming the holder if the time ran out
     */
    void acquire(String what, Duration timeout, Consumer<String> onWait, BooleanSupplier abandon) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String said = null;
        try {
            if (!inProcess.tryAcquire()) {
                while (!inProcess.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
                    said = waiting(start, deadline, said, onWait, abandon);
                }
            }
            try {
                while (!tryFileLock()) {
                    said = waiting(start, deadline, said, onWait, abandon);
                    Thread.sleep(POLL_MS);
                }
                writeOwner(what);
            } catch (IOException | RuntimeException | Error e) {
                releaseFileLock();
                inProcess.release();
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + describeHolder(), e);
        }
    }

    private String waiting(long start, long deadline, String said, Consumer<String> onWait, BooleanSupplier abandon)
            throws IOException {
        long now = System.nanoTime();
        String holder = describeHolder();
        if (abandon.getAsBoolean()) {
            throw new IOException("the store was closed while " + holder);
        }
        if (now - deadline > 0) {
            throw new IOException("gave up after " + Duration.ofNanos(now - start).toSeconds() + " s " + holder);
        }
        if (now - start >= QUIET_WAIT.toNanos() && !holder.equals(said)) {
            onWait.accept(holder + "…");
            return holder;
        }
        return said;
    }

    /** Releases the lock; the caller holds it. */
    void release() {
        try {
            releaseFileLock();
        } finally {
            inProcess.release();
        }
    }

    /** "waiting for the import started by pid 4711 at 10:02:03", from the owner file. */
    String describeHolder() {
        String owner;
        try {
            owner = Files.readString(memoryDir.resolve(OWNER), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            owner = "";
        } catch (IOException e) {
            owner = "";
        }
        return owner.isEmpty() ? "waiting for another process writing to " + memoryDir : "waiting for " + owner;
    }

    private boolean tryFileLock() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Files.createDirectories(memoryDir);
            channel = FileChannel.open(memoryDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        held = channel.tryLock();
        return held != null;
    }

    private void releaseFileLock() {
        FileLock l = held;
        held = null;
        if (l != null) {
            try {
                l.release();
            } catch (IOException ignored) {
                // the channel is gone: so is the lock
            }
        }
    }

    /** Says who holds the lock, for those who wait; best effort (a full disk must not stop a write session). */
    private void writeOwner(String what) {
        String at = LocalTime.ofInstant(Instant.now(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
        String line = what + " started by pid " + ProcessHandle.current().pid() + " at " + at + "\n";
        Path tmp = memoryDir.resolve(OWNER + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.writeString(tmp, line, StandardCharsets.UTF_8);
            AtomicFiles.move(tmp, memoryDir.resolve(OWNER));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(memoryDir.resolve(OWNER)); // rather no name than the previous holder's
            } catch (IOException ignored) {
                // waiters then say "another process"
            }
        }
    }
}
