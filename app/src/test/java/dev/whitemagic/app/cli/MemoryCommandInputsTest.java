package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile tester gave {@code whitemagic memory …}: each answer is one clear line and exit
 * code 2, never a stack trace, a hang or a memory that cannot be read back.
 */
class MemoryCommandInputsTest {

    private static final long LIMIT = 16L * 1024 * 1024;

    @TempDir
    Path home;

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void runner() {
        cli = new CliRunner(home);
    }

    private void assertOneClearLine(String... expected) {
        String err = cli.err.toString();
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        List<String> lines = err.lines().filter(l -> !l.contains("search index rebuilt")).toList();
        assertThat(lines).singleElement().asString().startsWith("whitemagic: ").contains(expected);
    }

    private List<Path> shortTerm() throws Exception {
        Path dir = home.resolve("memory/short_term");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private Path sparse(String name, long size) throws Exception {
        Path p = folder.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    @Test
    void add_fileOverTheLimit_isRefusedNamingTheLimit_insteadOfAnInvisibleMemory() throws Exception {
        Path big = sparse("big.txt", LIMIT + 1);
        assertThat(cli.run("memory", "add", "-t", "big", "--file", big.toString())).isEqualTo(2);
        assertOneClearLine("big.txt", "16 MiB");
        assertThat(shortTerm()).isEmpty();
    }

    @Test
    void add_contentOverTheLimit_isRefusedNamingTheLimit() throws Exception {
        assertThat(cli.run("memory", "add", "-t", "big", "--content", "x".repeat((int) LIMIT))).isEqualTo(2);
        assertOneClearLine("too large", "16 MiB");
        assertThat(shortTerm()).isEmpty();
    }

    @Test
    void add_binaryFile_isOneLineExit2() throws Exception {
        Path bin = Files.write(folder.resolve("bin.dat"), new byte[] {'P', 'K', 3, 4, 0, 0, 7});
        assertThat(cli.run("memory", "add", "-t", "bin", "--file", bin.toString())).isEqualTo(2);
        assertOneClearLine("bin.dat", "binary");
        assertThat(shortTerm()).isEmpty();
    }

    @Test
    void add_missingFile_isOneLineExit2_noStackTrace() throws Exception {
        assertThat(cli.run("memory", "add", "-t", "x", "--file", folder.resolve("missing.txt").toString())).isEqualTo(2);
        assertOneClearLine("missing.txt", "no such file");
    }

    @Test
    void add_directoryAsFile_isOneLineExit2_noStackTrace() throws Exception {
        assertThat(cli.run("memory", "add", "-t", "x", "--file", folder.toString())).isEqualTo(2);
        assertOneClearLine("is a directory");
    }

    @Test
    void add_devZero_isRefusedWithoutReading_notOutOfMemory() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertThat(cli.run("memory", "add", "-t", "x", "--file", "/dev/zero")).isEqualTo(2);
        assertOneClearLine("not a regular file");
    }

    @Test
    @Timeout(60) // the old code blocked here forever, opening the FIFO for reading
    void add_fifo_isRefusedWithoutOpening_noHang() throws Exception {
        Path fifo = folder.resolve("pipe");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        assertThat(cli.run("memory", "add", "-t", "x", "--file", fifo.toString())).isEqualTo(2);
        assertOneClearLine("not a regular file");
    }

    @Test
    void home_empty_isAUsageError_notTheWorkingDirectory() {
        CliRunner empty = new CliRunner(Path.of(""));
        assertThat(empty.run("memory", "list")).isEqualTo(2);
        assertThat(empty.err.toString()).contains("--home is empty").doesNotContain("Exception");
        assertThat(Path.of("memory/short_term")).doesNotExist();
    }

    @Test
    void importAndExport_emptyPath_isAUsageError_notTheWorkingDirectory() {
        assertThat(cli.run("memory", "import", "")).isEqualTo(2);
        assertOneClearLine("is empty");
        cli = new CliRunner(home);
        assertThat(cli.run("memory", "export", "")).isEqualTo(2);
        assertOneClearLine("is empty");
        assertThat(Path.of("short_term")).doesNotExist();
    }

    @Test
    void home_isAFile_isOneLineExit2() throws Exception {
        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        cli = new CliRunner(file);
        assertThat(cli.run("memory", "list")).isEqualTo(2);
        assertOneClearLine("not-a-folder", "not a folder");
    }

    @Test
    void home_underAReadOnlyFolder_isOneLineExit2() throws Exception {
        Path parent = Files.createDirectories(folder.resolve("locked"));
        try (ReadOnlyFolders ro = ReadOnlyFolders.of(parent)) {
            cli = new CliRunner(parent.resolve("home"));
            assertThat(cli.run("memory", "list")).isEqualTo(2);
            assertOneClearLine("cannot create");
        }
    }

    @Test
    void home_readOnly_listSearchAndShowWork_addIsOneLine() throws Exception {
        assertThat(cli.run("memory", "add", "-t", "Frozen", "--content", "read only notes")).isZero();
        String id = cli.lines().getFirst();
        Path memory = home.resolve("memory");
        try (ReadOnlyFolders ro = ReadOnlyFolders.of(home, memory, memory.resolve("short_term"), memory.resolve("long_term"),
                memory.resolve("archive"), home.resolve("index/memory"), home.resolve("index"))) {
            for (String[] command : List.of(new String[] {"memory", "list"}, new String[] {"memory", "search", "notes"},
                    new String[] {"memory", "show", id})) {
                cli = new CliRunner(home);
                assertThat(cli.run(command)).as(String.join(" ", command)).isZero();
                assertThat(cli.out.toString()).contains(command[1].equals("show") ? "title: Frozen" : id);
                assertThat(cli.err.toString()).doesNotContain("Exception");
            }
            cli = new CliRunner(home);
            assertThat(cli.run("memory", "add", "-t", "New", "--content", "x")).isEqualTo(2);
            assertThat(cli.err.toString()).contains("memory not saved").doesNotContain("Exception");
        }
    }

    @Test
    void add_metadataJsonIsAFolder_succeedsAndRepairsIt() throws Exception {
        Files.createDirectories(home.resolve("memory/metadata.json/x"));
        assertThat(cli.run("memory", "add", "-t", "A", "--content", "b")).isZero();
        assertThat(cli.err.toString()).contains("metadata.json was a folder").doesNotContain("Exception");
        assertThat(home.resolve("memory/metadata.json")).isRegularFile();
    }

    @Test
    void import_manySkippedForOneCause_isOneLine() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("memory", "import"));
        for (int i = 0; i < 20; i++) {
            args.add(sparse("big" + i + ".md", LIMIT + 1).toString());
        }
        assertThat(cli.run(args.toArray(String[]::new))).isZero();
        String err = cli.err.toString();
        assertThat(err.lines().filter(l -> l.contains("limit")).toList()).singleElement().asString()
                .startsWith("whitemagic: 20 skipped: larger than the 16 MiB limit");
    }

    @Test
    void printFailures_thirtyThousandWithOneCause_isOneLine() {
        java.io.StringWriter text = new java.io.StringWriter();
        List<java.util.Map.Entry<String, String>> failures = new java.util.ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            failures.add(java.util.Map.entry("n" + i + ".md", "no space left on device"));
        }
        failures.add(java.util.Map.entry("odd.md", "permission denied"));
        MemoryCommand.printFailures(new java.io.PrintWriter(text), "", "failed", failures);
        assertThat(text.toString().lines().toList()).containsExactly(
                "whitemagic: 30,000 failed: no space left on device (the first: n0.md)",
                "whitemagic: odd.md: permission denied");
    }

    @Test
    void show_symbolicLinkPlantedInShortTerm_isNoMemory_itsTargetNotShown() throws Exception {
        Path secret = Files.writeString(folder.resolve("secret"), "---\ntitle: Secret\n---\nthe password\n");
        Files.createDirectories(home.resolve("memory/short_term"));
        Files.createSymbolicLink(home.resolve("memory/short_term/20250101_000000_planted.md"), secret);
        assertThat(cli.run("memory", "show", "20250101_000000_planted")).isEqualTo(2);
        assertThat(cli.out.toString()).doesNotContain("the password");
        assertThat(cli.err.toString()).contains("skipped symbolic link").contains("no memory");
    }

    @Test
    void export_linkInTheTargetFolder_replacesTheLinkNeverItsTarget() throws Exception {
        assertThat(cli.run("memory", "add", "-t", "Note", "--content", "exported")).isZero();
        String id = cli.lines().getFirst();
        Path victim = Files.writeString(folder.resolve("victim"), "original");
        Path out = Files.createDirectories(folder.resolve("out/short_term"));
        Files.createSymbolicLink(out.resolve(id + ".md"), victim);
        assertThat(cli.run("memory", "export", folder.resolve("out").toString())).isZero();
        assertThat(victim).hasContent("original");
        assertThat(Files.isSymbolicLink(out.resolve(id + ".md"))).isFalse();
        assertThat(out.resolve(id + ".md")).content().contains("exported");
    }
}
