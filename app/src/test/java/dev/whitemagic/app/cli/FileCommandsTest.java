package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The file commands on real files, as a person would call them. */
class FileCommandsTest {

    @TempDir
    Path home;

    @TempDir
    Path dir;

    private CliRunner cli;
    private java.io.StringWriter out;
    private java.io.StringWriter err;

    @BeforeEach
    void files() throws Exception {
        cli = new CliRunner(home);
        out = cli.out;
        err = cli.err;
        Files.writeString(dir.resolve("a.txt"), "alpha needle\nbeta\nNeedle gamma\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.md"), "one\ntwo needle two\nthree\n");
        Files.write(dir.resolve("c.bin"), new byte[] {'n', 'e', 'e', 'd', 'l', 'e', 0, 1, 2});
        Files.writeString(dir.resolve(".hidden"), "needle\n");
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private List<String> lines() {
        return cli.lines();
    }

    @Test
    void grep_printsPathLineText_sorted_andSkipsBinaryAndHidden() {
        assertThat(run("grep", "--sort", "needle", dir.toString())).isZero();
        assertThat(lines()).containsExactly(dir.resolve("a.txt") + ":1:alpha needle",
                dir.resolve("sub/b.md") + ":2:two needle two");
    }

    /** Before: "1 files, 0 errors … · 1 workers". */
    @Test
    void read_oneFileOneWorker_summarySaysItInTheSingular() {
        assertThat(run("read", dir.resolve("a.txt").toString(), "--workers", "1")).isZero();
        assertThat(err.toString()).startsWith("1 file, 0 errors, ").contains("· 1 worker").doesNotContain("1 workers");
        assertThat(run("scan", dir.resolve("a.txt").toString())).isZero();
        assertThat(err.toString()).contains("1 file, 3 lines, 5 words, 0 errors");
    }

    @Test
    void grep_ignoreCase_count() {
        assertThat(run("grep", "-i", "-c", "--sort", "needle", dir.toString())).isZero();
        assertThat(lines()).containsExactly(dir.resolve("a.txt") + ":2", dir.resolve("sub/b.md") + ":1");
    }

    @Test
    void grep_context_marksContextLinesAndGroups() {
        assertThat(run("grep", "-C", "1", "two", dir.resolve("sub/b.md").toString())).isZero();
        String b = dir.resolve("sub/b.md").toString();
        assertThat(lines()).containsExactly(b + "-1-one", b + ":2:two needle two", b + "-3-three");
    }

    @Test
    void grep_nothingFound_exits1_invalidRegex_exits2() {
        assertThat(run("grep", "zebra", dir.toString())).isEqualTo(1);
        assertThat(run("grep", "(open", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("invalid regex at position 1");
    }

    @Test
    void grep_json_endsWithASummary() throws Exception {
        assertThat(run("grep", "--json", "needle", dir.toString())).isZero();
        List<String> lines = lines();
        JsonMapper json = JsonMapper.builder().build();
        assertThat(lines).hasSize(3);
        JsonNode summary = json.readTree(lines.getLast());
        assertThat(summary.get("type").asString()).isEqualTo("summary");
        assertThat(summary.get("matching_lines").asInt()).isEqualTo(2);
        assertThat(json.readTree(lines.getFirst()).get("type").asString()).isEqualTo("match");
    }

    @Test
    void grep_searchesAsItWalks_filesAndFoldersGiven_ignoreFilesHonoured_missingPathExits2() throws Exception {
        Files.writeString(dir.resolve(".gitignore"), "skipped/\n");
        Files.createDirectories(dir.resolve("skipped"));
        Files.writeString(dir.resolve("skipped/d.txt"), "needle\n");
        Files.createDirectories(dir.resolve("sub/deep/er"));
        Files.writeString(dir.resolve("sub/deep/er/e.txt"), "needle\n");
        Path fifo = dir.resolve("sub/pipe");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        String b = dir.resolve("sub/b.md").toString();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("grep", "--sort", "needle",
                dir.resolve("sub").toString(), dir.resolve("a.txt").toString(), dir.resolve("nope").toString()));
        assertThat(code).isEqualTo(2);
        assertThat(lines()).containsExactly(dir.resolve("a.txt") + ":1:alpha needle", b + ":2:two needle two",
                dir.resolve("sub/deep/er/e.txt") + ":1:needle");
        assertThat(err.toString()).contains("nope: no such file or folder");
        assertThat(run("grep", "needle", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to work on");
        out.getBuffer().setLength(0);
        assertThat(run("grep", "-c", "--sort", "needle", dir.toString())).isZero();
        assertThat(lines()).containsExactly(dir.resolve("a.txt") + ":1", b + ":1", dir.resolve("sub/deep/er/e.txt") + ":1");
    }

    @Test
    void read_reportsEachFile_andAMissingPath_exits2() throws Exception {
        assertThat(run("read", "--json", dir.toString(), dir.resolve("nope.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.txt: no such file or folder");
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> objects = lines().stream().map(json::readTree).toList();
        assertThat(objects).filteredOn(o -> o.get("type").asString().equals("file")).hasSize(3);
        assertThat(objects.getLast().get("files").asInt()).isEqualTo(3);
    }

    @Test
    void read_fifo_isAnError_neverBlocks() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run("read", fifo.toString()));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("not a regular file");
    }

    @Test
    void read_workersAndTier_areExclusive() {
        assertThat(run("read", "--tier", "T2", "--workers", "3", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--tier or --workers");
        assertThat(run("read", "--max-size", "lots", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'lots' is not a size");
    }

    @Test
    void match_countsEveryPattern() {
        assertThat(run("match", "-p", "needle", "-p", "two", "--sort", dir.toString())).isZero();
        assertThat(out.toString()).contains(dir.resolve("sub/b.md") + "\tneedle=1\ttwo=2")
                .contains("total\tneedle\t2").contains("total\ttwo\t2");
    }

    @Test
    void index_and_similar_and_scan() {
        assertThat(run("index", "--top", "2", "--min-len", "4", dir.toString())).isZero();
        assertThat(lines().getFirst()).isEqualTo("3\tneedle"); // lower-cased: "Needle" counts too
        out.getBuffer().setLength(0);
        assertThat(run("similar", "--text", "two needle", "--top", "1", dir.toString())).isZero();
        assertThat(lines()).singleElement().asString().endsWith(dir.resolve("sub/b.md").toString());
        out.getBuffer().setLength(0);
        assertThat(run("scan", "--sort", dir.toString())).isZero();
        assertThat(lines().getFirst()).startsWith(dir.resolve("a.txt") + "\t").endsWith("\t3\t5\talpha needle");
    }

    /** A file named on the command line that is gone by the time it is read (a dangling link). */
    private Path vanished() throws Exception {
        return Files.createSymbolicLink(dir.resolve("gone.txt"), dir.resolve("nowhere.txt"));
    }

    @Test
    void index_vanishedFile_isReportedAndExits2() throws Exception {
        Path gone = vanished();
        assertThat(run("index", dir.toString(), gone.toString())).isEqualTo(2);
        assertThat(lines()).contains("3\tneedle"); // what was found is still printed
        assertThat(err.toString()).contains(gone + ": no such file");
    }

    @Test
    void similar_vanishedFile_isReportedAndExits2() throws Exception {
        Path gone = vanished();
        assertThat(run("similar", "--text", "two needle", dir.toString(), gone.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(gone + ": no such file");
    }

    @Test
    void scan_fileThatCannotBeRead_exits2() throws Exception {
        Path gone = vanished();
        assertThat(run("scan", dir.toString(), gone.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(gone.toString()).contains("1 error");
    }

    @Test
    void grep_errorAndNoMatch_exits2_notNothingFound() throws Exception {
        Path gone = vanished();
        assertThat(run("grep", "zebra", dir.toString(), gone.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(gone.toString());
        assertThat(run("match", "-p", "zebra", dir.toString(), gone.toString())).isEqualTo(2);
    }

    @Test
    void similar_toBinaryFile_saysBinary_notInputLength() throws Exception {
        assertThat(run("similar", "--to", dir.resolve("c.bin").toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("binary file").doesNotContain("Input length").doesNotContain("Exception");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThat(run("similar", "--to", latin1.toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not valid UTF-8 at byte 3");
    }

    @Test
    void similar_toFileLargerThanMaxSize_isRefusedWithoutReadingIt() throws Exception {
        Path big = dir.resolve("big.txt");
        try (var f = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), 2L << 30); // 2 GiB, sparse
        }
        assertThat(run("similar", "--to", big.toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("larger than the 64 MiB limit").doesNotContain("OutOfMemory");
    }

    @Test
    void scan_summary_saysWhatTheWalkSkipped() throws Exception {
        Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("a.txt"));
        Path fifo = dir.resolve("pipe");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "no mkfifo");
        assertThat(run("scan", dir.toString())).isZero();
        assertThat(err.toString()).contains("· 2 skipped: 1 link, 1 special file");
        out.getBuffer().setLength(0);
        assertThat(run("grep", "--json", "needle", dir.toString())).isZero();
        assertThat(lines().getLast()).contains("\"skipped\":{\"links\":1,\"special_files\":1}");
    }

    @Test
    void read_procFileThatSaysItIsEmpty_givesTheSizeItRead() {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/cpuinfo")), "needs /proc");
        assertThat(run("read", "--json", "/proc/cpuinfo")).isZero();
        assertThat(lines().getFirst()).doesNotContain("\"size\":0,");
        out.getBuffer().setLength(0);
        assertThat(run("grep", "-c", "processor", "/proc/cpuinfo")).isZero();
    }
}
