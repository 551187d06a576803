package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFilesTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "the C library path is for Linux");
        assertThat(NativeFiles.available()).as("linked on Linux with native access enabled").isTrue();
    }

    private void mkfifo(Path p) throws Exception {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).start();
        assumeTrue(proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0, "mkfifo failed");
    }

    @Test
    void list_givesEveryEntryWithItsType_withoutDotEntries() throws Exception {
        Files.writeString(dir.resolve("file.txt"), "x");
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("file.txt"));
        Files.writeString(dir.resolve("naïve ünïcode.md"), "y");
        mkfifo(dir.resolve("pipe"));

        Map<String, Integer> types = NativeFiles.list(dir).stream()
                .collect(Collectors.toMap(NativeFiles.Entry::name, NativeFiles.Entry::type));

        assertThat(types).containsOnlyKeys("file.txt", "sub", "link", "naïve ünïcode.md", "pipe");
        // tmpfs and ext4 fill d_type; a file system that does not says DT_UNKNOWN, and the walk stats
        assertThat(types.get("file.txt")).isIn(NativeFiles.DT_REG, NativeFiles.DT_UNKNOWN);
        assertThat(types.get("sub")).isIn(NativeFiles.DT_DIR, NativeFiles.DT_UNKNOWN);
        assertThat(types.get("link")).isIn(NativeFiles.DT_LNK, NativeFiles.DT_UNKNOWN);
        assertThat(types.get("pipe")).isIn(NativeFiles.DT_FIFO, NativeFiles.DT_UNKNOWN);
    }

    @Test
    void list_withANameThatIsNotUtf8_returnsNull_soTheCallerListsWithTheJdk() throws Exception {
        Files.writeString(dir.resolve("plain.txt"), "x");
        Process p = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name.txt')\"").directory(dir.toFile())
                .start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot make a non-UTF-8 name here");
        try (var jdk = Files.list(dir)) {
            assertThat(jdk.count()).isEqualTo(2);
        }
        assertThat(NativeFiles.list(dir)).isNull();
        try (var jdk = Files.list(dir)) {
            Path bad = jdk.filter(f -> !f.getFileName().toString().equals("plain.txt")).findFirst().orElseThrow();
            // its name cannot be handed over as text: the caller is told to use the JDK, which can
            assertThat(NativeFiles.openRegular(bad)).isNull();
            assertThat(Files.readAllBytes(bad)).isEmpty();
        }
    }

    @Test
    void list_ofAMissingFolderOrAFile_failsAsTheJdkDoes() throws Exception {
        assertThatThrownBy(() -> NativeFiles.list(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> NativeFiles.list(file)).isInstanceOf(NotDirectoryException.class);
        assertThat(SafeFiles.describe(assertThrows(() -> NativeFiles.list(dir.resolve("missing")))))
                .isEqualTo("no such file (removed?)");
    }

    @Test
    void openRegular_readsTheWholeFile_inPiecesLargerThanTheNativeBuffer() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        Path f = Files.write(dir.resolve("big.txt"), content);
        try (NativeFiles.OpenFile in = NativeFiles.openRegular(f)) {
            assertThat(in.isRegular()).isTrue();
            assertThat(in.size()).isEqualTo(200_000);
            assertThat(in.readAllBytes()).isEqualTo(content);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void openRegular_onAFifo_returnsAtOnce_andSaysWhatItIs() throws Exception {
        Path pipe = dir.resolve("pipe");
        mkfifo(pipe);
        // no writer: a plain open for reading would block for ever
        NativeFiles.OpenFile in = assertTimeoutPreemptively(HANG_GUARD, () -> NativeFiles.openRegular(pipe));
        try (in) {
            assertThat(in.isRegular()).isFalse();
            assertThat(in.notRegular()).isEqualTo("not a regular file (FIFO, socket or device): not opened");
        }
    }

    @Test
    void openRegular_onAFolder_aMissingFile_andALinkLoop_givesTheUsualMessages() throws Exception {
        try (NativeFiles.OpenFile in = NativeFiles.openRegular(dir)) {
            assertThat(in.isRegular()).isFalse();
            assertThat(in.notRegular()).isEqualTo("is a directory");
        }
        assertThat(SafeFiles.describe(assertThrows(() -> NativeFiles.openRegular(dir.resolve("gone")))))
                .isEqualTo("no such file (removed?)");
        Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        assertThat(SafeFiles.describe(assertThrows(() -> NativeFiles.openRegular(dir.resolve("a")))))
                .isEqualTo("symbolic link loop");
    }

    @Test
    void openRegular_followsALinkToAFile() throws Exception {
        Path target = Files.writeString(dir.resolve("t.txt"), "héllo", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("l.txt"), target);
        try (NativeFiles.OpenFile in = NativeFiles.openRegular(link)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static java.io.IOException assertThrows(Call call) {
        try {
            call.run();
        } catch (java.io.IOException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an IOException, got " + e, e);
        }
        throw new AssertionError("expected an IOException, got none");
    }

    @Test
    void openRegular_pathLongerThanPathMax_opensIt_andHoldsNoFolderOpen() throws Exception {
        Path tree = dir.resolve("tree");
        try {
            openLongPath(tree);
        } finally {
            dev.whitemagic.engine.files.TestFiles.removeDeep(tree);
        }
    }

    private void openLongPath(Path dir) throws Exception {
        Path file = dev.whitemagic.engine.files.TestFiles.deepTree(dir, "ddd", 1500, "f.txt", "deep");
        assertThat(file.toString().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(4096 + 1500);
        try (NativeFiles.OpenFile f = NativeFiles.openRegular(file)) {
            assertThat(f.isRegular()).isTrue();
            assertThat(new String(f.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("deep");
        }
        assertThat(NativeFiles.list(file.getParent())).extracting(NativeFiles.Entry::name).containsExactly("f.txt");
        assertThatThrownBy(() -> NativeFiles.openRegular(file.resolveSibling("missing.txt")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(dev.whitemagic.engine.files.TestFiles.openDescriptorsUnder(dir)).isLessThanOrEqualTo(0);
    }
}
