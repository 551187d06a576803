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

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
