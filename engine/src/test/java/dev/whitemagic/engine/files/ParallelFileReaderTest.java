package dev.whitemagic.engine.files;

import static dev.whitemagic.engine.files.TestFiles.fifo;
import static dev.whitemagic.engine.files.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.SystemLoad;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import dev.whitemagic.engine.files.FileResult.Status;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelFileReaderTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ParallelFileReader reader = new ParallelFileReader();

    @Test
    void readBatch_keepsInputOrder() throws Exception {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            paths.add(write(dir.resolve("f" + i + ".txt"), "file " + i));
        }
        List<FileResult> results = reader.withMaxWorkers(8).readBatch(paths);
        assertThat(results).extracting(FileResult::path).containsExactlyElementsOf(paths);
        assertThat(results).extracting(FileResult::content)
                .containsExactlyElementsOf(IntStream.range(0, 200).mapToObj(i -> "file " + i).toList());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.charset()).isEqualTo("UTF-8");
            assertThat(r.size()).isEqualTo(r.bytesRead());
            assertThat(r.error()).isNull();
        });
    }

    @Test
    void readBatch_fifoInBatch_doesNotBlock() throws Exception {
        Path before = write(dir.resolve("a.txt"), "a");
        Path pipe = fifo(dir.resolve("pipe"));
        Path after = write(dir.resolve("b.txt"), "b");
        List<FileResult> results = assertTimeoutPreemptively(HANG_GUARD,
                () -> reader.withMaxWorkers(1).readBatch(List.of(before, pipe, after)));
        assertThat(results).extracting(FileResult::status).containsExactly(Status.TEXT, Status.FAILED, Status.TEXT);
        assertThat(results.get(1).error()).contains("not a regular file");
    }

    @Test
    void readBatch_directory_isAFailureWithMessage() {
        FileResult r = reader.readBatch(List.of(dir)).getFirst();
        assertThat(r.success()).isFalse();
        assertThat(r.error()).isEqualTo("is a directory");
    }

    @Test
    void readBatch_missingFile_isAFailureAndTheRestCompletes() throws Exception {
        Path ok = write(dir.resolve("ok.txt"), "ok");
        List<FileResult> results = reader.readBatch(List.of(dir.resolve("missing.txt"), ok));
        assertThat(results.get(0).error()).isEqualTo("no such file (removed?)");
        assertThat(results.get(1).content()).isEqualTo("ok");
    }

    @Test
    void readBatch_symlinkLoop_isReported() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        FileResult r = assertTimeoutPreemptively(HANG_GUARD, () -> reader.readBatch(List.of(a)).getFirst());
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.error()).isEqualTo("symbolic link loop");
    }

    @Test
    void readBatch_symlink_followedByDefault_reportedWhenNotFollowed() throws Exception {
        Path target = write(dir.resolve("target.txt"), "through the link");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        assertThat(reader.read(link).content()).isEqualTo("through the link");
        FileResult r = reader.withFollowLinks(false).read(link);
        assertThat(r.success()).isFalse();
        assertThat(r.error()).contains("symbolic link");
    }

    @Test
    void readBatch_binaryFile_isFlaggedWithoutContent() throws Exception {
        Path bin = write(dir.resolve("x.bin"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        FileResult r = reader.read(bin);
        assertThat(r.status()).isEqualTo(Status.BINARY);
        assertThat(r.success()).isTrue();
        assertThat(r.binary()).isTrue();
        assertThat(r.content()).isNull();
        assertThat(r.bytesRead()).isEqualTo(7);
    }

    @Test
    void readBatch_nulAfterTheFirst8KiB_isText() throws Exception {
        byte[] bytes = new byte[9000];
        java.util.Arrays.fill(bytes, (byte) 'x');
        bytes[8999] = 0;
        assertThat(reader.read(write(dir.resolve("late-nul.txt"), bytes)).status()).isEqualTo(Status.TEXT);
    }

    @Test
    void readBatch_invalidUtf8_isReplacedAndFlagged() throws Exception {
        Path bad = write(dir.resolve("bad.txt"), new byte[] {'a', (byte) 0xC3, '(', 'b', (byte) 0xFF});
        FileResult r = reader.read(bad);
        assertThat(r.status()).isEqualTo(Status.TEXT);
        assertThat(r.malformed()).isTrue();
        assertThat(r.content()).isEqualTo("a\uFFFD(b\uFFFD");
    }

    @Test
    void readBatch_validReplacementCharacter_isNotMalformed() throws Exception {
        FileResult r = reader.read(write(dir.resolve("fffd.txt"), "already \uFFFD here"));
        assertThat(r.malformed()).isFalse();
        assertThat(r.content()).isEqualTo("already \uFFFD here");
    }

    @Test
    void readBatch_utf8Bom_isStripped() throws Exception {
        Path f = write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
        FileResult r = reader.read(f);
        assertThat(r.content()).isEqualTo("hi");
        assertThat(r.charset()).isEqualTo("UTF-8");
    }

    @Test
    void readBatch_utf16Boms_areDecoded() throws Exception {
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "héllo".getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "héllo".getBytes(StandardCharsets.UTF_16BE));
        FileResult rle = reader.read(write(dir.resolve("le.txt"), le));
        FileResult rbe = reader.read(write(dir.resolve("be.txt"), be));
        assertThat(rle.content()).isEqualTo("héllo");
        assertThat(rle.charset()).isEqualTo("UTF-16LE");
        assertThat(rbe.content()).isEqualTo("héllo");
        assertThat(rbe.charset()).isEqualTo("UTF-16BE");
    }

    @Test
    void readBatch_overTheDefaultLimit_isNotRead() throws Exception {
        Path big = dir.resolve("big.log");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ParallelFileReader.DEFAULT_MAX_SIZE + 1); // sparse: no 64 MiB written
        }
        FileResult r = reader.read(big);
        assertThat(r.status()).isEqualTo(Status.TOO_LARGE);
        assertThat(r.success()).isFalse();
        assertThat(r.bytesRead()).isZero();
        assertThat(r.error()).startsWith("larger than the 64 MiB limit");
    }

    @Test
    void readBatch_overACustomLimit_isNotRead() throws Exception {
        FileResult r = reader.withMaxSize(4).read(write(dir.resolve("five.txt"), "12345"));
        assertThat(r.status()).isEqualTo(Status.TOO_LARGE);
        assertThat(r.error()).isEqualTo("larger than the 4 B limit (5 B), not read");
        assertThat(reader.withMaxSize(5).read(dir.resolve("five.txt")).content()).isEqualTo("12345");
    }

    @Test
    void readBatch_fileLargerThanItsReportedSize_isReadUpToTheLimit() {
        // /proc files report size 0 yet have content, like a file that grew after the stat.
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status), "needs /proc");
        FileResult whole = reader.read(status);
        assertThat(whole.bytesRead()).isPositive();
        assertThat(whole.size()).isEqualTo(whole.bytesRead()); // what it gave, not the 0 it says
        assertThat(whole.content()).contains("Name:");

        FileResult bounded = reader.withMaxSize(16).read(status);
        assertThat(bounded.status()).isEqualTo(Status.TOO_LARGE);
        assertThat(bounded.error()).isEqualTo("grew past the 16 B limit while being read");
    }

    @Test
    void readBatch_fileRemovedMidBatch_isReported() throws Exception {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            paths.add(write(dir.resolve("r" + i + ".txt"), "r" + i));
        }
        Path last = paths.getLast();
        BatchHandle<FileResult> run = reader.withMaxWorkers(1).start(paths, r -> {
            if (r.path().equals(paths.getFirst())) {
                try {
                    Files.delete(last);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        List<FileResult> results = run.result().join();
        assertThat(results).hasSize(5);
        assertThat(results.getLast().error()).isEqualTo("no such file (removed?)");
        assertThat(results.subList(0, 4)).allMatch(FileResult::success);
    }

    @Test
    void readBatch_permissionDenied_isReported() throws Exception {
        assumeFalse(TestFiles.isRoot(), "root reads any file: permission cannot be denied");
        Path secret = write(dir.resolve("secret.txt"), "s");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assertThat(reader.read(secret).error()).isEqualTo("permission denied");
    }

    @Test
    void readBatch_twentyThousandTinyFiles_allSucceedInOrder() throws Exception {
        List<Path> paths = new ArrayList<>(20_000);
        for (int i = 0; i < 20_000; i++) {
            paths.add(Files.writeString(dir.resolve("t" + i), Integer.toString(i)));
        }
        List<FileResult> results = reader.readBatch(paths);
        assertThat(results).hasSize(20_000).allMatch(FileResult::hasContent);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).content()).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void readBatchDict_keepsSuccessesWithContentInInputOrder() throws Exception {
        Path b = write(dir.resolve("b.txt"), "B");
        Path a = write(dir.resolve("a.txt"), "A");
        Path bin = write(dir.resolve("c.bin"), new byte[] {0, 1});
        Map<Path, String> texts = reader.readBatchDict(List.of(b, dir.resolve("gone"), bin, a));
        assertThat(texts).containsExactly(Map.entry(b, "B"), Map.entry(a, "A"));
    }

    @Test
    void readBatchFiltered_keepsExtensionsAndDropsLargeFiles() throws Exception {
        Path small = write(dir.resolve("small.MD"), "s");
        Path large = write(dir.resolve("large.md"), "x".repeat(100));
        Path other = write(dir.resolve("other.txt"), "o");
        List<FileResult> results = reader.readBatchFiltered(List.of(small, large, other, dir.resolve("gone.md")),
                10, List.of(".md"));
        assertThat(results).extracting(FileResult::path).containsExactly(small, dir.resolve("gone.md"));
        assertThat(results.get(1).success()).isFalse();
    }

    @Test
    void readBatch_failFast_stopsAfterTheFirstFailure() throws Exception {
        List<Path> paths = new ArrayList<>();
        paths.add(write(dir.resolve("first.txt"), "1"));
        paths.add(dir.resolve("missing.txt"));
        for (int i = 0; i < 50; i++) {
            paths.add(write(dir.resolve("n" + i + ".txt"), "n"));
        }
        BatchHandle<FileResult> run = reader.withMaxWorkers(1).withFailFast(true).start(paths);
        List<FileResult> results = run.result().join();
        assertThat(run.isCancelled()).isTrue();
        assertThat(results).hasSize(2);
        assertThat(results.getLast().success()).isFalse();
        assertThat(reader.withMaxWorkers(1).readBatch(paths)).hasSize(52);
    }

    @Test
    void start_cancelFromAListener_completesWithFewer() throws Exception {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            paths.add(write(dir.resolve("c" + i + ".txt"), "c" + i));
        }
        AtomicInteger seen = new AtomicInteger();
        BatchHandle<FileResult>[] handle = new BatchHandle[1];
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        // One worker: while the listener waits, nothing else can finish (with two, the other worker
        // could read all 500 files before the cancel, and the test would race).
        handle[0] = reader.withMaxWorkers(1).start(paths, r -> {
            if (seen.incrementAndGet() == 10) {
                try {
                    started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handle[0].cancel();
            }
        });
        started.countDown();
        List<FileResult> results = assertTimeoutPreemptively(HANG_GUARD, () -> handle[0].result().join());
        assertThat(handle[0].isCancelled()).isTrue();
        assertThat(handle[0].isDone()).isTrue();
        assertThat(results).hasSize(10);
        assertThat(results).allMatch(FileResult::success);
        // Input order is kept for those that finished.
        assertThat(results).extracting(r -> paths.indexOf(r.path())).isSorted();
    }

    @Test
    void start_progress_countsFilesFailuresAndBytes() throws Exception {
        List<Path> paths = List.of(write(dir.resolve("a.txt"), "aaa"), write(dir.resolve("b.txt"), "bb"),
                dir.resolve("missing"));
        BatchHandle<FileResult> run = reader.start(paths);
        run.result().join();
        Progress p = run.progress();
        assertThat(p.itemsDone()).isEqualTo(3);
        assertThat(p.itemsTotal()).isEqualTo(3);
        assertThat(p.failed()).isEqualTo(1);
        assertThat(p.bytesDone()).isEqualTo(5);
        assertThat(run.completedSince(0)).hasSize(3);
        assertThat(run.completedSince(2)).hasSize(1);
    }

    @Test
    void start_adaptive_recordsTheControllersDecision() throws Exception {
        AdaptiveThreadingController controller = new AdaptiveThreadingController(() -> SystemLoad.IDLE);
        ParallelFileReader adaptive = new ParallelFileReader(Runnable::run, controller);
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            paths.add(write(dir.resolve("d" + i + ".txt"), "d"));
        }
        BatchHandle<FileResult> run = adaptive.start(paths);
        assertThat(run.result().join()).hasSize(30);
        assertThat(controller.history()).hasSize(1);
        assertThat(controller.history().getFirst().taskCount()).isEqualTo(30);
        assertThat(controller.history().getFirst().complexity()).isEqualTo(ParallelFileReader.DEFAULT_COMPLEXITY);
        assertThat(run.name()).contains("TIER_2", "adaptive");
    }

    @Test
    void start_fixedTierOrWorkers_isNamedInTheHandle() throws Exception {
        Path a = write(dir.resolve("a.txt"), "a");
        assertThat(reader.withTier(ThreadingTier.TIER_1).start(List.of(a)).name()).contains("16 workers (TIER_1)");
        assertThat(reader.withMaxWorkers(3).start(List.of(a)).name()).isEqualTo("read 1 files with 3 workers");
    }

    @Test
    void withExtensions_normalizesDotsAndCase() {
        assertThat(reader.withExtensions(List.of(".JAVA", "md", " ")).extensions()).isEqualTo(Set.of("java", "md"));
        assertThat(ParallelFileReader.hasExtension(Path.of("x.tar.gz"), Set.of("tar.gz"))).isTrue();
        assertThat(ParallelFileReader.hasExtension(Path.of("java"), Set.of("java"))).isFalse();
    }

    @Test
    void readBatch_emptyList_isEmpty() {
        assertThat(reader.readBatch(List.of())).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
