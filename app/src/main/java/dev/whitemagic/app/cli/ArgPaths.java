package dev.whitemagic.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Paths from the command line, byte for byte. Linux file names are bytes; Java decodes its
 * arguments with {@code sun.jnu.encoding} (UTF-8 under a UTF-8 locale, which the launcher makes
 * sure of) and turns a byte that is not UTF-8 into U+FFFD, so {@code Path.of(arg)} names another
 * file ("no such file", though a folder walk finds it: a listing keeps names as bytes). Here such
 * an argument is looked up again in the process's own command line ({@code /proc/self/cmdline},
 * the bytes as they were given), and its path is built from them: each name that is not UTF-8 is
 * found in its folder's listing by its bytes. Arguments that decoded cleanly (nearly all) cost
 * nothing: a scan for U+FFFD.
 */
final class ArgPaths {

    /** The raw bytes of the arguments that did not decode cleanly, by their decoded text. */
    private static volatile Map<String, byte[]> raw = Map.of();

    private ArgPaths() {}

    /** Notes the raw bytes of the {@code args} that did not decode cleanly (Linux; elsewhere nothing). */
    static void capture(String[] args) {
        boolean any = false;
        for (String a : args) {
            any |= a.indexOf('\uFFFD') >= 0;
        }
        if (!any) {
            return;
        }
        try {
            raw = match(args, Files.readAllBytes(Path.of("/proc/self/cmdline")));
        } catch (IOException | RuntimeException e) {
            // no /proc: the decoded text is all there is
        }
    }

    /** {@code args}' raw bytes found at the end of {@code cmdline} (NUL-separated), by decoded text. */
    static Map<String, byte[]> match(String[] args, byte[] cmdline) {
        List<byte[]> entries = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, from, i));
                from = i + 1;
            }
        }
        if (from < cmdline.length) {
            entries.add(Arrays.copyOfRange(cmdline, from, cmdline.length));
        }
        int offset = entries.size() - args.length;
        if (offset < 0) {
            return Map.of();
        }
        Map<String, byte[]> found = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            byte[] bytes = entries.get(offset + i);
            if (!new String(bytes, StandardCharsets.UTF_8).equals(args[i])) {
                return Map.of(); // not the arguments' bytes after all: trust none of it
            }
            if (args[i].indexOf('\uFFFD') >= 0) {
                found.put(args[i], bytes);
                int eq = indexOf(bytes, (byte) '=');
                if (args[i].startsWith("--") && eq > 0) { // --option=value: the value too
                    found.putIfAbsent(args[i].substring(args[i].indexOf('=') + 1),
                            Arrays.copyOfRange(bytes, eq + 1, bytes.length));
                }
            }
        }
        return Map.copyOf(found);
    }

    /** The path an argument names: as given, or built from its raw bytes when it did not decode cleanly. */
    static Path of(String arg) {
        byte[] bytes = arg.indexOf('\uFFFD') >= 0 ? raw.get(arg) : null;
        if (bytes != null) {
            Path p = fromBytes(bytes);
            if (p != null) {
                return p;
            }
        }
        return Path.of(arg);
    }

    /**
     * The existing path whose bytes are {@code bytes}, folder by folder: names that are UTF-8 as
     * they are, the others found in their folder's listing by their bytes; null when one is not
     * there.
     */
    static Path fromBytes(byte[] bytes) {
        Path at = bytes.length > 0 && bytes[0] == '/' ? Path.of("/") : Path.of("");
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '/') {
                continue;
            }
            byte[] name = Arrays.copyOfRange(bytes, from, i);
            from = i + 1;
            if (name.length == 0) {
                continue;
            }
            String text = strictUtf8(name);
            try {
                at = text != null ? at.resolve(text) : listed(at, name);
            } catch (InvalidPathException e) {
                return null;
            }
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** The entry of {@code folder} named {@code name} (bytes), as its listing gives it; or null. */
    private static Path listed(Path folder, byte[] name) {
        Path dir = folder.toString().isEmpty() ? Path.of(".") : folder;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Arrays.equals(rawName(entry), name)) {
                    return folder.resolve(entry.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The bytes of a path's last name: its URI keeps them (percent-encoded), its text does not. */
    static byte[] rawName(Path path) {
        String uri = path.toAbsolutePath().toUri().getRawPath();
        if (uri.endsWith("/") && uri.length() > 1) {
            uri = uri.substring(0, uri.length() - 1);
        }
        String last = uri.substring(uri.lastIndexOf('/') + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(last.length());
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c == '%' && i + 2 < last.length()) {
                out.write(Integer.parseInt(last, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.write(c); // the rest of a URI's raw path is ASCII
            }
        }
        return out.toByteArray();
    }

    private static String strictUtf8(byte[] name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
