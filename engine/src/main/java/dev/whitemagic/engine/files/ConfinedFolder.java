package dev.whitemagic.engine.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A folder that writes are confined to: every place is named relative to it, and nothing is ever
 * written outside it — not through an absolute path, not through {@code ..}, not through a
 * symbolic link inside it that points elsewhere. For anything that writes where someone else's
 * input says (a pipeline file handed to you, an AI client's tool call).
 *
 * <p>Two checks: {@link #problem(String)} looks at the text alone (absolute, {@code ..}, {@code ~},
 * NUL), so that a spec can be refused before anything runs; {@link #resolve(String)} then walks
 * the folders on disk one by one, creating missing ones and following a symbolic link only when
 * its real target is inside the folder, and refuses a final component that is a link. Writes go
 * to a temporary file in the real parent folder and are moved into place (atomic); appends open
 * the file without following a link. The folder itself may be a link: the user chose it.
 *
 * <p>What it cannot rule out: a process of the same user swapping a checked folder for a link
 * between the check and the write (Java has no {@code openat}); the window is a few system calls.
 *
 * <pre>{@code
 * ConfinedFolder out = ConfinedFolder.of(Path.of("/home/me/.local/share/whitemagic/output/report"));
 * ConfinedFolder.problem("/etc");                  // Optional["/etc" is outside the output folder (an absolute path) …]
 * Path p = out.write("notes/a.md", "text", false); // .../report/notes/a.md; an existing file is refused
 * out.append("all.txt", "one line\n");             // created when missing, never through a link
 * out.resolve("../x");                             // throws ConfinedFolder.OutsideException
 * }</pre>
 */
public final class ConfinedFolder {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path root;
    private volatile Path realRoot;

    private ConfinedFolder(Path root) {
        this.root = root;
    }

    /** A folder confining writes to {@code root} (made absolute; created on the first write). */
    public static ConfinedFolder of(Path root) {
        Objects.requireNonNull(root, "root");
        return new ConfinedFolder(root.toAbsolutePath().normalize());
    }

    /** The folder, absolute. */
    public Path root() {
        return root;
    }

    /** A place that would leave the folder: an absolute path, {@code ..}, or a link that points out of it. */
    public static final class OutsideException extends IOException {
        OutsideException(String message) {
            super(message);
        }
    }

    /**
     * Why {@code relative} cannot name a place inside a confined folder, from its text alone; empty
     * when it can. Empty text and {@code "."} name the folder itself.
     */
    public static Optional<String> problem(String relative) {
        if (relative == null) {
            return Optional.empty();
        }
        String q = quote(relative);
        if (relative.indexOf('\0') >= 0) {
            return Optional.of(q + " contains a NUL character");
        }
        if (relative.startsWith("/") || relative.startsWith("\\") || DRIVE.matcher(relative).matches()) {
            return Optional.of(q + " is outside the output folder (an absolute path); give a folder inside it, "
                    + "such as \"reports\", or leave it empty");
        }
        if (relative.equals("~") || relative.startsWith("~/") || relative.startsWith("~\\")) {
            return Optional.of(q + " is outside the output folder ('~' is not your home here); give a folder inside it");
        }
        for (String part : relative.split("[/\\\\]")) {
            if (part.equals("..")) {
                return Optional.of(q + " leaves the output folder ('..' is not allowed); give a folder inside it");
            }
        }
        try {
            Path.of(relative);
        } catch (InvalidPathException e) {
            return Optional.of(q + " is not a valid path: " + e.getReason());
        }
        return Optional.empty();
    }

    /**
     * The real path of the file {@code relative} names, its parent folders created: never outside
     * this folder, never a symbolic link itself.
     *
     * @throws OutsideException when it would be outside the folder
     * @throws IOException      when a folder cannot be created, or the place is a folder
     */
    public Path resolve(String relative) throws IOException {
        Optional<String> why = problem(relative);
        if (why.isPresent()) {
            throw new OutsideException(why.get());
        }
        Path rel = Path.of(relative).normalize();
        if (rel.toString().isEmpty() || rel.toString().equals(".")) {
            throw new IOException(quote(relative) + " names the output folder itself, not a file in it");
        }
        Path top = realRoot();
        Path dir = top;
        int n = rel.getNameCount();
        for (int i = 0; i < n - 1; i++) {
            dir = folder(top, dir, dir.resolve(rel.getName(i)), relative);
        }
        Path target = dir.resolve(rel.getFileName());
        if (Files.isSymbolicLink(target)) {
            throw new OutsideException(quote(relative) + ": " + target + " is a symbolic link; it is not written through");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is a folder");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is not a regular file (a FIFO, socket or device); it is not written to");
        }
        return target;
    }

    /**
     * Writes {@code text} (UTF-8) to the file {@code relative} names, atomically: a temporary file in
     * the same folder, moved into place.
     *
     * @param overwrite whether an existing file is replaced; when false it is refused
     * @return the file written
     * @throws FileAlreadyExistsException when it exists and {@code overwrite} is false
     */
    public Path write(String relative, String text, boolean overwrite) throws IOException {
        Path target = resolve(relative);
        if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists (overwrite is off)");
        }
        Path tmp = Files.createTempFile(target.getParent(), ".wm-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (overwrite) {
                // rename(2) replaces whatever is at the target, a link included, never what a link points to
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                placeNew(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists (overwrite is off)");
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Appends {@code text} (UTF-8) to the file {@code relative} names, creating it when missing;
     * the file is opened without following a symbolic link.
     *
     * @return the file written
     */
    public Path append(String relative, String text) throws IOException {
        Path target = resolve(relative);
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(target)) {
                throw new OutsideException(quote(relative) + ": " + target + " is a symbolic link; it is not written through");
            }
            throw e;
        }
        return target;
    }

    // ---- parts ---------------------------------------------------------------------------

    private Path realRoot() throws IOException {
        Path r = realRoot;
        if (r == null) {
            Files.createDirectories(root);
            r = root.toRealPath();
            realRoot = r;
        }
        return r;
    }

    /** The next folder down, created when missing; a link is followed only to a folder inside {@code top}. */
    private static Path folder(Path top, Path dir, Path next, String relative) throws IOException {
        if (Files.isSymbolicLink(next)) {
            Path real;
            try {
                real = next.toRealPath();
            } catch (IOException e) {
                throw new OutsideException(quote(relative) + ": " + next + " is a symbolic link that leads nowhere");
            }
            if (!real.startsWith(top)) {
                throw new OutsideException(quote(relative) + " resolves outside the output folder " + top + ": "
                        + top.relativize(next) + " is a symbolic link to " + real);
            }
            if (!Files.isDirectory(real)) {
                throw new IOException(next + " is not a folder");
            }
            return real;
        }
        if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(next);
            } catch (FileAlreadyExistsException e) {
                // made at the same time by another worker: checked below like any other
                if (Files.isSymbolicLink(next)) {
                    return folder(top, dir, next, relative);
                }
            }
        }
        if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(next + " is not a folder");
        }
        return next;
    }

    /** Moves {@code tmp} to a {@code target} that must not exist: a hard link (refused when it exists), else a move. */
    private static void placeNew(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (some file systems): the move refuses an existing target too
        }
        Files.move(tmp, target);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
