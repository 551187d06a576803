package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
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
            keepPermissions(target, tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A file replaced keeps its permissions: a note its owner made private ({@code 0600}) must not
     * come back readable by everyone after an edit. (A link at {@code target} is not followed.)
     */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
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
