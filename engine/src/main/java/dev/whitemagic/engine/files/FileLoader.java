package dev.whitemagic.engine.files;

import dev.whitemagic.engine.internal.NativeFiles;
import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * Reads one file safely: one stat through {@link SafeFiles#check} (FIFOs, sockets and devices
 * are never opened), a size check, then a bounded read of what is there and a decode by BOM.
 */
final class FileLoader {

    private static final OpenOption[] FOLLOW = {StandardOpenOption.READ};
    private static final OpenOption[] NO_FOLLOW = {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};

    private FileLoader() {}

    static FileResult read(Path path, long maxSize, boolean followLinks) {
        long start = System.nanoTime();
        if (NativeFiles.available()) {
            // One open that never blocks, asked what it is through the descriptor (no stat before
            // it, no race); it also opens a path longer than the system's limit.
            NativeFiles.OpenFile opened;
            try {
                opened = NativeFiles.openRegular(path, followLinks);
            } catch (IOException e) {
                String why = !followLinks && Files.isSymbolicLink(path) ? "is a symbolic link (not followed)"
                        : SafeFiles.describe(e);
                return FileResult.failed(path, why, -1, since(start));
            }
            if (opened != null) {
                try (NativeFiles.OpenFile file = opened) {
                    if (!file.isRegular()) {
                        return FileResult.failed(path, file.notRegular(), -1, since(start));
                    }
                    return read(path, file, file.size(), maxSize, start);
                }
            }
        }
        SafeFiles.Checked checked = SafeFiles.check(path, followLinks);
        if (!checked.ok()) {
            return FileResult.failed(path, checked.error(), -1, since(start));
        }
        long size = checked.attributes().size();
        if (size > maxSize) {
            return FileResult.tooLarge(path, size, maxSize, since(start));
        }
        try (InputStream in = Channels.newInputStream(FileChannel.open(path, followLinks ? FOLLOW : NO_FOLLOW))) {
            return read(path, in, size, maxSize, start);
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            return FileResult.failed(path, "cancelled", size, since(start));
        } catch (IOException e) {
            return FileResult.failed(path, SafeFiles.describe(e), size, since(start));
        }
    }

    /** Reads an open file the system said is {@code size} bytes (0: unknown, as /proc's), at most {@code maxSize}. */
    private static FileResult read(Path path, InputStream in, long size, long maxSize, long start) {
        if (size > maxSize) {
            return FileResult.tooLarge(path, size, maxSize, since(start));
        }
        byte[] bytes;
        int length;
        try {
            // One byte more than the size we saw, so a file that grew is noticed in the same read;
            // a file that shrank simply gives fewer bytes. /proc and /sys files report size 0 and are
            // read to their end, as far as the limit.
            bytes = new byte[(int) Math.min(maxSize + 1, size == 0 ? 8192 : size + 1)];
            length = 0;
            while (true) {
                int n = in.read(bytes, length, bytes.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length == bytes.length) {
                    if (length > maxSize) {
                        return FileResult.tooLarge(path, size, maxSize, since(start));
                    }
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxSize + 1, (long) bytes.length * 2));
                }
            }
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            return FileResult.failed(path, "cancelled", size, since(start));
        } catch (IOException e) {
            return FileResult.failed(path, SafeFiles.describe(e), size, since(start));
        } catch (OutOfMemoryError e) {
            return FileResult.failed(path, "not enough memory to read it", size, since(start));
        }
        // a file that says it is empty but gave bytes (/proc/cpuinfo): its size is what it gave
        return decode(path, bytes, length, size == 0 ? length : size, start);
    }

    private static FileResult decode(Path path, byte[] bytes, int length, long size, long start) {
        Charset charset = StandardCharsets.UTF_8;
        int offset = 0;
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            offset = 3;
        } else if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            offset = 2;
        } else if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            offset = 2;
        }
        // UTF-16 text is full of NUL bytes: the binary sniff applies to the other encodings only.
        if (charset == StandardCharsets.UTF_8 && SafeFiles.looksBinary(bytes, length)) {
            return FileResult.binary(path, size, length, since(start));
        }
        String text = new String(bytes, offset, length - offset, charset);
        boolean malformed = text.indexOf('\uFFFD') >= 0 && !isValid(bytes, offset, length - offset, charset);
        return FileResult.text(path, text, size, length, charset.name(), since(start), malformed);
    }

    /** Strict decode, only run when the lenient one produced a U+FFFD (rare in valid text). */
    private static boolean isValid(byte[] bytes, int offset, int length, Charset charset) {
        try {
            CharBuffer unused = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length));
            return unused != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
