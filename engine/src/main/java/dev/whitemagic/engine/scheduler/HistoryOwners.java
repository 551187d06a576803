package dev.whitemagic.engine.scheduler;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which processes have the job history of a folder open, and the short exclusive lock under which
 * it is read, compacted and ids are handed out. Several processes (the window, CLI commands, MCP
 * servers) append to one history; each holds an OS lock on its own file in {@code owners/} for as
 * long as it is open, so a job left running by a process that died is known by its owner's lock
 * being free, never guessed from a PID or an age.
 *
 * <p>Owner files of this JVM are never opened by another instance here: POSIX drops all of a
 * process's locks on a file when any descriptor of it is closed.
 */
final class HistoryOwners implements AutoCloseable {

    static final String OWNERS = "owners";
    static final String LOCK = "history.lock";
    static final String NEXT_ID = "next-id";
    private static final Set<String> OPEN_HERE = ConcurrentHashMap.newKeySet();
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    final String token;
    private final Path dir;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private HistoryOwners(Path dir, String token, Path file, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.token = token;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Registers this history as open: an owner file of its own, locked until {@link #close()}. */
    static HistoryOwners register(Path jobsDir) throws IOException {
        Path dir = jobsDir.resolve(OWNERS);
        Files.createDirectories(dir);
        String token = ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        Path file = dir.resolve(token);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock l = ch.tryLock();
        if (l == null) {
            ch.close();
            throw new IOException("cannot lock " + file);
        }
        OPEN_HERE.add(token);
        return new HistoryOwners(dir, token, file, ch, l);
    }

    /**
     * The other owners that are alive. An owner file whose lock is free belongs to a process that
     * died: it is deleted. Call it under {@link #exclusive}.
     */
    Set<String> othersAlive() {
        Set<String> alive = new HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.equals(token)) {
                    continue;
                }
                if (OPEN_HERE.contains(name) || locked(p)) {
                    alive.add(name);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // unreadable: count nobody else as alive only if we cannot tell; safer to assume someone is
            alive.add("?");
        }
        return alive;
    }

    private static boolean locked(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // gone or unreadable: not a live owner
        }
    }

    interface Locked<T> {
        T run() throws IOException;
    }

    /** Runs {@code work} holding the history's exclusive lock (waits for it: it is only held briefly). */
    static <T> T exclusive(Path jobsDir, Locked<T> work) throws IOException {
        Path lockFile = jobsDir.resolve(LOCK);
        Path key;
        try {
            key = jobsDir.toRealPath().resolve(LOCK); // one lock object for every spelling of the folder
        } catch (IOException e) {
            key = lockFile.toAbsolutePath().normalize();
        }
        ReentrantLock here = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        here.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l = ch.lock()) {
            return work.run();
        } finally {
            here.unlock();
        }
    }

    /**
     * Claims {@code count} ids no other process uses: from the folder's counter (or after
     * {@code atLeast}), moving the counter past them. Call it under {@link #exclusive}.
     *
     * @return the first of them
     */
    static long claimIds(Path jobsDir, long atLeast, int count) throws IOException {
        Path f = jobsDir.resolve(NEXT_ID);
        long next = 1;
        try {
            next = Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            // no counter yet, or a damaged one: the history's own ids say where to start
        }
        long first = Math.max(next, atLeast);
        writeCounter(jobsDir, first + count);
        return first;
    }

    /** Claims {@code count} ids from {@code first} on, whatever the counter says (no one else is open). */
    static long claimIdsFrom(Path jobsDir, long first, int count) throws IOException {
        writeCounter(jobsDir, first + count);
        return first;
    }

    /**
     * Gives back the unused end of the last block claimed, if no one claimed after it (so that
     * ids stay consecutive from one run to the next). Call it under {@link #exclusive}.
     */
    static void giveBack(Path jobsDir, long claimedEnd, long firstUnused) throws IOException {
        Path f = jobsDir.resolve(NEXT_ID);
        try {
            if (Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).strip()) != claimedEnd) {
                return;
            }
        } catch (IOException | NumberFormatException e) {
            return;
        }
        writeCounter(jobsDir, firstUnused);
    }

    private static void writeCounter(Path jobsDir, long next) throws IOException {
        Path tmp = jobsDir.resolve("." + NEXT_ID + ".tmp");
        Files.writeString(tmp, Long.toString(next), StandardCharsets.US_ASCII);
        Files.move(tmp, jobsDir.resolve(NEXT_ID), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        OPEN_HERE.remove(token);
        try {
            lock.release();
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the kernel drops the lock with the process at the latest
        }
    }
}
