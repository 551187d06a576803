package dev.whitemagic.engine.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The checks every reader of user files makes before opening one, and the messages it gives.
 * FIFOs, sockets and devices are never opened (opening a FIFO for reading blocks until a writer
 * comes); errors become one short sentence naming what is wrong.
 */
public final class SafeFiles {

    /** Bytes looked at to decide whether a file is binary, as ripgrep and git do. */
    public static final int BINARY_SNIFF = 8 * 1024;

    /** The message for a folder where a file was expected. */
    public static final String IS_DIRECTORY = "is a directory";
    /** The message for a FIFO, socket or device, which is never opened. */
    public static final String NOT_REGULAR = "not a regular file (FIFO, socket or device): not opened";

    private static final java.util.regex.Pattern ERRNO_TEXT = java.util.regex.Pattern.compile("[A-Z][a-z]+( [a-z]+)*");

    private SafeFiles() {}

    /**
     * The attributes of a regular file that may be opened, or why it may not: a message such as
     * "not a regular file (FIFO, socket or device)", "is a directory", "no such file",
     * "permission denied", "symbolic link loop".
     *
     * @param followLinks whether a symbolic link is followed to its target
     */
    public static Checked check(Path path, boolean followLinks) {
        try {
            BasicFileAttributes attrs = followLinks
                    ? Files.readAttributes(path, BasicFileAttributes.class)
                    : Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isRegularFile()) {
                return new Checked(attrs, null);
            }
            if (attrs.isDirectory()) {
                return new Checked(attrs, IS_DIRECTORY);
            }
            if (attrs.isSymbolicLink()) {
                return new Checked(attrs, "is a symbolic link (not followed)");
            }
            return new Checked(attrs, NOT_REGULAR);
        } catch (IOException e) {
            return new Checked(null, describe(e));
        }
    }

    /** The outcome of {@link #check}: attributes, or an error message. */
    public record Checked(BasicFileAttributes attributes, String error) {
        public boolean ok() {
            return error == null;
        }

        public Optional<String> problem() {
            return Optional.ofNullable(error);
        }
    }

    /** One short sentence for an I/O failure, without the path (the caller shows it). */
    public static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file (removed?)";
            case AccessDeniedException x -> "permission denied";
            case FileSystemLoopException x -> "symbolic link loop";
            case NotDirectoryException x -> "not a directory";
            case FileSystemException x when x.getReason() != null && x.getReason().contains("many levels of symbolic links") ->
                    "symbolic link loop";
            case FileSystemException x when x.getReason() != null && x.getReason().contains("Is a directory") ->
                    IS_DIRECTORY;
            case FileSystemException x when x.getReason() != null -> x.getReason().toLowerCase(java.util.Locale.ROOT);
            // A bare errno text from a read or write ("No space left on device"), said as the others are.
            case IOException x when x.getClass() == IOException.class && x.getMessage() != null
                    && ERRNO_TEXT.matcher(x.getMessage()).matches() -> x.getMessage().toLowerCase(java.util.Locale.ROOT);
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    /** Whether {@code head} (the first bytes of a file) looks binary: it holds a NUL byte. */
    public static boolean looksBinary(byte[] head, int length) {
        int n = Math.min(length, BINARY_SNIFF);
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
