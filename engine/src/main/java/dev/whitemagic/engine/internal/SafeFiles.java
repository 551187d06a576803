package dev.whitemagic.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern ERRNO_TEXT = Pattern.compile("[A-Z][a-z]+( [a-z]+)*");

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

    /**
     * The UTF-8 text of a regular file of at most {@code maxSize} bytes (a UTF-8 byte order mark
     * dropped); FIFOs, sockets and devices are never opened.
     *
     * @throws IOException with one short sentence as its message, for {@link #describe}: "binary
     *                     file (a NUL byte at byte 12)", "not valid UTF-8 at byte 3", "larger than
     *                     the 64 MiB limit (2.0 GiB)", "no such file (removed?)", …
     */
    public static String readText(Path path, long maxSize) throws IOException {
        Checked checked = check(path, true);
        if (!checked.ok()) {
            throw new NotTextException(checked.error());
        }
        long size = checked.attributes().size();
        if (size > maxSize) {
            throw new NotTextException("larger than the " + mib(maxSize) + " limit (" + mib(size) + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxSize + 1)); // /proc's size 0 too
        }
        if (bytes.length > maxSize) {
            throw new NotTextException("larger than the " + mib(maxSize) + " limit");
        }
        int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = from, n = Math.min(bytes.length, from + BINARY_SNIFF); i < n; i++) {
            if (bytes[i] == 0) {
                throw new NotTextException("binary file (a NUL byte at byte " + i + "), not text");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate(bytes.length - from);
        CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (r.isError()) {
            throw new NotTextException(notUtf8(in.position()));
        }
        return out.flip().toString();
    }

    /** "not valid UTF-8 at byte 3": the message for text that is not UTF-8, the offset from the file's start. */
    public static String notUtf8(long offset) {
        return "not valid UTF-8 at byte " + offset;
    }

    /** A file that is not the text asked for; its message is the whole reason. */
    public static final class NotTextException extends IOException {
        public NotTextException(String message) {
            super(message);
        }
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%,d MiB", Math.max(1, bytes >> 20));
    }

    /** One short sentence for an I/O failure, without the path (the caller shows it). */
    public static String describe(IOException e) {
        return switch (e) {
            // the JDK's own words for these are "Input length = 1"
            case MalformedInputException x -> "not valid UTF-8 text (a malformed sequence of "
                    + x.getInputLength() + " byte" + (x.getInputLength() == 1 ? "" : "s") + ")";
            case UnmappableCharacterException x -> "holds a character that cannot be encoded";
            case CharacterCodingException x -> "not valid text in its encoding";
            case NoSuchFileException x -> "no such file (removed?)";
            case AccessDeniedException x -> "permission denied";
            case FileSystemLoopException x -> "symbolic link loop";
            case NotDirectoryException x -> "not a directory";
            case FileSystemException x when x.getReason() != null && x.getReason().contains("many levels of symbolic links") ->
                    "symbolic link loop";
            case FileSystemException x when x.getReason() != null && x.getReason().contains("Is a directory") ->
                    IS_DIRECTORY;
            case FileSystemException x when x.getReason() != null -> x.getReason().toLowerCase(Locale.ROOT);
            // A bare errno text from a read or write ("No space left on device"), said as the others are.
            case IOException x when x.getClass() == IOException.class && x.getMessage() != null
                    && ERRNO_TEXT.matcher(x.getMessage()).matches() -> x.getMessage().toLowerCase(Locale.ROOT);
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
