package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes folders really read-only for a test, and writable again on close: permission bits, and
 * where they do not bind (root ignores them) the immutable attribute ({@code chattr +i}). A test
 * that cannot get a read-only folder either way is skipped, never passed on a folder root could
 * still write.
 */
final class ReadOnlyFolders implements AutoCloseable {

    private final List<Path> chmodded = new ArrayList<>();
    private final List<Path> immutable = new ArrayList<>();

    static ReadOnlyFolders of(Path... dirs) throws IOException {
        ReadOnlyFolders r = new ReadOnlyFolders();
        try {
            for (Path d : dirs) {
                r.lock(d);
            }
        } catch (IOException | RuntimeException | Error e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void lock(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        chmodded.add(dir);
        if (Files.isWritable(dir) && run("chattr", "+i", dir.toString())) {
            immutable.add(dir);
        }
        Assumptions.assumeFalse(Files.isWritable(dir), "cannot make " + dir + " read-only here (root without chattr)");
    }

    private static boolean run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        for (Path d : immutable) {
            run("chattr", "-i", d.toString());
        }
        for (Path d : chmodded) {
            Files.setPosixFilePermissions(d, Set.of(PosixFilePermission.values()));
        }
    }
}
