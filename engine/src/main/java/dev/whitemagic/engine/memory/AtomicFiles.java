package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes by temp file + fsync + atomic move, so a reader sees the old file or the new, never half. */
final class AtomicFiles {

    /** Temp files start with this; scans skip them. */
    static final String TEMP_PREFIX = ".wm-tmp-";

    private AtomicFiles() {}

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, true);
    }

    /**
     * Writes {@code bytes} at {@code target}, fsynced first when {@code sync}. Never through a
     * link: the temp file is created new (a link in its place fails the create) and the move
     * replaces a link at {@code target} itself, never its target.
     */
    static void write(Path target, byte[] bytes, boolean sync) throws IOException {
        write(target, bytes, sync, target);
    }

    /** As {@link #write(Path, byte[], boolean)}, the new file getting the permissions of {@code like} (a file moved). */
    static void write(Path target, byte[] bytes, boolean sync, Path like) throws IOException {
        Path tmp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (sync) {
                    ch.force(true);
                }
            }
            keepPermissions(like, tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temp files that processes killed in the middle of a write left in {@code memoryDir}
     * and its type folders. Only for the holder of the store's writer lock (no one else is writing).
     *
     * @return one line saying how many, or nothing
     */
    static List<String> removeLeftovers(Path memoryDir) {
        int n = 0;
        List<Path> dirs = new ArrayList<>();
        dirs.add(memoryDir);
        for (MemoryType t : MemoryType.values()) {
            dirs.add(memoryDir.resolve(t.folder()));
        }
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                        n++;
                    }
                }
            } catch (IOException e) {
                return List.of("could not clean " + dir + ": " + e.getMessage());
            }
        }
        return n == 0 ? List.of() : List.of("removed " + n + " temp file" + (n == 1 ? "" : "s") + " left by an interrupted write");
    }

    /**
     * A file replaced keeps its permissions: a note its owner made private ({@code 0600}) must not
     * come back readable by everyone after an edit. (A link at {@code target} is not followed.)
     */
    static void keepPermissions(Path target, Path tmp) throws IOException {
        try {
            PosixFileAttributes old = Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (old.isRegularFile()) {
                Files.setPosixFilePermissions(tmp, old.permissions());
            }
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            // a new file, or a file system without POSIX permissions: the defaults apply
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
