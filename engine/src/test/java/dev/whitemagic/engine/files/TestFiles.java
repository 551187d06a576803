package dev.whitemagic.engine.files;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Shared fixtures: files with content, FIFOs, root check, open descriptors. */
public final class TestFiles {

    private TestFiles() {}

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** A real FIFO made with {@code mkfifo}; skips the test where that is not possible. */
    static Path fifo(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return null;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return file;
    }

    /**
     * How many of this process's open descriptors point into {@code dir} (Linux: {@code
     * /proc/self/fd}); -1 where that cannot be read.
     */
    public static int openDescriptorsUnder(Path dir) {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        String prefix = dir.toAbsolutePath().toString();
        int n = 0;
        try (var list = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith(prefix)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return n;
    }

    /**
     * {@code depth} folders named {@code name}, each in the one before, under {@code root}, and
     * {@code file} holding {@code text} in the deepest; returns that file's path. Made by bash,
     * one folder at a time relative to the last, so the path may be longer than the system's
     * limit (PATH_MAX): the JDK cannot make such a path, nor open it.
     */
    public static Path deepTree(Path root, String name, int depth, String file, String text) throws Exception {
        Files.createDirectories(root);
        // a few hundred folders per mkdir -p, then cd into them (a builtin): a fork per folder
        // would cost minutes of system time that deep
        int step = 200;
        String script = "cd \"$1\" || exit 1; chunk=; for ((i = 0; i < " + step + "; i++)); do chunk=\"$chunk$2/\"; done;"
                + " left=" + depth + "; while ((left > 0)); do n=$((left < " + step + " ? left : " + step + "));"
                + " part=\"${chunk:0:$((n * (${#2} + 1)))}\"; mkdir -p \"$part\" && cd \"$part\" || exit 1;"
                + " left=$((left - n)); done; printf '%s' \"$4\" > \"$3\"";
        Process p;
        try {
            p = new ProcessBuilder("bash", "-c", script, "bash", root.toString(), name, file, text)
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "bash is not available: " + e.getMessage());
            return null;
        }
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "could not make the deep tree");
        return Path.of(root.toString() + ("/" + name).repeat(depth) + "/" + file);
    }

    /**
     * Removes a tree made by {@link #deepTree} ({@code rm -rf}, which goes down by descriptor): the
     * JDK, and so JUnit's {@code @TempDir}, cannot delete a path longer than PATH_MAX.
     */
    public static void removeDeep(Path root) throws Exception {
        new ProcessBuilder("rm", "-rf", root.toString()).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
