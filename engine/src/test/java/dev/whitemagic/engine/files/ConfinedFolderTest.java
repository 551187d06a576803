package dev.whitemagic.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfinedFolderTest {

    @TempDir
    Path dir;

    private Path outside;
    private Path decoy;
    private ConfinedFolder out;

    @BeforeEach
    void setUp() throws Exception {
        outside = Files.createDirectories(dir.resolve("outside"));
        decoy = Files.writeString(outside.resolve("decoy.txt"), "keep me");
        out = ConfinedFolder.of(dir.resolve("out"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "\\\\server\\share", "C:\\Windows", "..", "../x", "a/../../x", "a\\..\\x", "~", "~/x"})
    void problem_absoluteDotDotOrTilde_isRefusedFromTheTextAlone(String place) {
        assertThat(ConfinedFolder.problem(place)).get().asString().startsWith("\"" + place + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "reports", "a/b/c.txt", "..hidden", "a..b", "x~"})
    void problem_placesInside_areFine(String place) {
        assertThat(ConfinedFolder.problem(place)).isEmpty();
    }

    @Test
    void write_createsFoldersAndWritesInside() throws Exception {
        Path p = out.write("a/b/c.txt", "hello", false);

        assertThat(p).isEqualTo(dir.resolve("out/a/b/c.txt").toRealPath());
        assertThat(Files.readString(p)).isEqualTo("hello");
        assertThat(dir.resolve("out/a/b")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void write_existingFile_isRefusedUnlessOverwrite() throws Exception {
        out.write("a.txt", "one", false);

        assertThatThrownBy(() -> out.write("a.txt", "two", false)).isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("exists (overwrite is off)");
        assertThat(Files.readString(dir.resolve("out/a.txt"))).isEqualTo("one");
        out.write("a.txt", "three", true);
        assertThat(Files.readString(dir.resolve("out/a.txt"))).isEqualTo("three");
    }

    @Test
    void write_absoluteOrDotDot_neverLeavesTheFolder() {
        assertThatThrownBy(() -> out.write(decoy.toString(), "x", true)).isInstanceOf(ConfinedFolder.OutsideException.class)
                .hasMessageContaining("is outside the output folder");
        assertThatThrownBy(() -> out.write("../outside/decoy.txt", "x", true))
                .isInstanceOf(ConfinedFolder.OutsideException.class).hasMessageContaining("'..' is not allowed");
        assertThat(decoy).hasContent("keep me");
    }

    @Test
    void write_throughASymlinkedSubfolder_isRefused() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out/sub"), outside);

        assertThatThrownBy(() -> out.write("sub/decoy.txt", "x", true)).isInstanceOf(ConfinedFolder.OutsideException.class)
                .hasMessageContaining("resolves outside the output folder").hasMessageContaining("sub is a symbolic link to " + outside.toRealPath());
        assertThatThrownBy(() -> out.write("sub/new.txt", "x", true)).isInstanceOf(ConfinedFolder.OutsideException.class);
        assertThat(decoy).hasContent("keep me");
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void writeAndAppend_aFinalSymlink_isRefused() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(dir.resolve("out/link.txt"), decoy);

        assertThatThrownBy(() -> out.write("link.txt", "x", true)).isInstanceOf(ConfinedFolder.OutsideException.class)
                .hasMessageContaining("is a symbolic link");
        assertThatThrownBy(() -> out.append("link.txt", "x")).isInstanceOf(ConfinedFolder.OutsideException.class);
        assertThat(decoy).hasContent("keep me");
    }

    @Test
    void resolve_aSymlinkThatStaysInside_isFollowed() throws Exception {
        Path real = Files.createDirectories(dir.resolve("out/real"));
        Files.createSymbolicLink(dir.resolve("out/alias"), real);

        assertThat(out.write("alias/x.txt", "x", false)).isEqualTo(real.toRealPath().resolve("x.txt"));
    }

    @Test
    void resolve_theFolderItself_isNotAFile() {
        assertThatThrownBy(() -> out.resolve(".")).hasMessageContaining("names the output folder itself");
    }

    @Test
    void append_createsThenAppends() throws Exception {
        out.append("log/all.txt", "a\n");
        out.append("log/all.txt", "b\n");

        assertThat(dir.resolve("out/log/all.txt")).hasContent("a\nb");
    }
}
