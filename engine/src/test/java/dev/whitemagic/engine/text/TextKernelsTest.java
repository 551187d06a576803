package dev.whitemagic.engine.text;

import static dev.whitemagic.engine.files.TestFiles.openDescriptorsUnder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.BatchHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextKernelsTest {

    private static ExecutorService executor;

    @TempDir
    Path dir;

    @BeforeAll
    static void startExecutor() {
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopExecutor() {
        executor.shutdownNow();
    }

    private TextKernels kernels() {
        return new TextKernels(executor, 2);
    }

    @ParameterizedTest(name = "{0} fixed={1} icase={2} context={3}")
    @CsvSource({"foo,false,false,0", "foo,false,false,2", "o\\s+b,false,false,1", "SYNC,false,true,0",
        "a.b,true,false,3", "^$,false,false,1", "ü,false,false,0", "bar$,false,false,2",
        "fo+ba\\w,false,false,2", "FO+BA\\w,false,true,1", "foo,false,true,2"})
    void grep_streamedInSmallChunks_givesTheSameHitsAsWholeFiles(String pattern, boolean fixed, boolean icase,
            int context) throws IOException {
        List<Path> files = TextFixtures.write(dir, 4, 300);
        GrepPattern p = GrepPattern.compile(pattern, GrepOptions.defaults().withFixedStrings(fixed)
                .withIgnoreCase(icase).withContext(context));
        List<GrepResult> whole = kernels().grep(p, files).result().join();
        for (int chunk : new int[] {16, 64, 257}) {
            TextKernels streaming = new TextKernels(executor, 2, new ChunkReader(8, chunk));
            List<GrepResult> streamed = streaming.grep(p, files).result().join();
            assertThat(streamed).as("chunk %d", chunk).isEqualTo(whole);
        }
        for (int i = 0; i < files.size(); i++) {
            String doc = Files.readString(files.get(i));
            assertThat(whole.get(i).hits()).extracting(GrepHit::line).isEqualTo(
                    TextFixtures.referenceLines(doc, fixed ? java.util.regex.Pattern.quote(pattern) : pattern,
                            icase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0));
        }
    }

    @Test
    void grep_badItems_areValuesAndTheBatchCompletes() throws Exception {
        Path good = Files.writeString(dir.resolve("good.txt"), "foo\n");
        Path binary = Files.write(dir.resolve("bin.dat"), new byte[] {'f', 'o', 'o', 0, '\n'});
        Path folder = Files.createDirectory(dir.resolve("sub"));
        Path missing = dir.resolve("missing.txt");
        Path fifo = dir.resolve("pipe");
        boolean haveFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        List<Path> files = new ArrayList<>(List.of(good, binary, folder, missing));
        if (haveFifo) {
            files.add(fifo);
        }
        List<GrepResult> r = kernels().grep(GrepPattern.compile("foo", GrepOptions.defaults()), files)
                .result().get(20, TimeUnit.SECONDS);
        assertThat(r).extracting(GrepResult::path).isEqualTo(files);
        assertThat(r.get(0).matchingLines()).isEqualTo(1);
        assertThat(r.get(1).binary()).isTrue();
        assertThat(r.get(2).error()).get().asString().contains("directory");
        assertThat(r.get(3).error()).get().asString().contains("no such file");
        if (haveFifo) {
            assertThat(r.get(4).error()).get().asString().contains("not a regular file");
        }
    }

    @Test
    void grep_invalidPattern_givesEveryFileTheError() throws IOException {
        List<Path> files = TextFixtures.write(dir, 2, 5);
        List<GrepResult> r = kernels().grep(GrepPattern.compile("(", GrepOptions.defaults()), files).result().join();
        assertThat(r).allSatisfy(g -> assertThat(g.error()).get().asString().startsWith("invalid regex"));
    }

    @Test
    void cancel_midBatch_stopsAndKeepsWhatFinished() throws Exception {
        List<Path> files = TextFixtures.write(dir, 6, 5);
        CountDownLatch blocked = new CountDownLatch(1);
        ChunkReader blocking = new ChunkReader(1 << 20, 1 << 16) {
            @Override
            Outcome read(Path path, Consumer consumer) {
                if (path.equals(files.get(1))) {
                    blocked.countDown();
                    try {
                        new CountDownLatch(1).await(); // until cancel interrupts
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Outcome(0, false, "cancelled");
                    }
                }
                return super.read(path, consumer);
            }
        };
        TextKernels one = new TextKernels(executor, 1, blocking);
        BatchHandle<FileStats> run = one.scan(files);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        List<FileStats> done = run.result().get(10, TimeUnit.SECONDS);
        assertThat(run.isCancelled()).isTrue();
        assertThat(done).extracting(FileStats::path).containsExactly(files.get(0));
        assertThat(run.progress().itemsDone()).isEqualTo(1);
    }

    @Test
    void match_countsEqualNaiveCountingInEveryFile() throws IOException {
        List<Path> files = TextFixtures.write(dir, 3, 200);
        List<String> patterns = List.of("foo", "oo", "o", "bar_foo", "über", "日本語", "a.b", "FOO", "missing");
        MultiPattern p = MultiPattern.compile(patterns, MatchOptions.defaults());
        List<MatchResult> r = kernels().match(p, files).result().join();
        for (int i = 0; i < files.size(); i++) {
            String doc = Files.readString(files.get(i));
            for (int k = 0; k < patterns.size(); k++) {
                assertThat(r.get(i).counts().get(k)).as("%s in %s", patterns.get(k), files.get(i))
                        .isEqualTo(naiveCount(doc, patterns.get(k)));
            }
        }
    }

    static long naiveCount(String text, String pattern) {
        long n = 0;
        for (int p = text.indexOf(pattern); p >= 0; p = text.indexOf(pattern, p + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void match_overlapsIgnoreCaseAndWholeWords() {
        assertThat(MultiPattern.compile(List.of("aa", "he", "she", "hers"), MatchOptions.defaults())
                .count("aaaa ushers")).containsExactly(3, 1, 1, 1);
        assertThat(MultiPattern.compile(List.of("foo"), new MatchOptions(true, false)).count("Foo FOO foo")).containsExactly(3);
        assertThat(MultiPattern.compile(List.of("foo", "bar"), new MatchOptions(false, true))
                .count("foo foobar bar_x (bar) éfoo foo")).containsExactly(2, 1);
    }

    @Test
    void index_topWordsAcrossFiles_mapReduce() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "The cat and THE hat; the_end 1abc x9");
        Path b = Files.writeString(dir.resolve("b.txt"), "the cat sat\nhat\r\n");
        List<WordCounts> perFile = kernels().index(List.of(a, b)).result().join();
        assertThat(perFile.get(0).counts()).containsEntry("the", 2L).containsEntry("the_end", 1L)
                .containsEntry("abc", 1L).containsEntry("x9", 1L).doesNotContainKey("1abc");
        List<WordCount> top = WordIndex.top(perFile, 3, 3, executor);
        assertThat(top).containsExactly(new WordCount("the", 3), new WordCount("cat", 2), new WordCount("hat", 2));
        assertThat(WordIndex.top(perFile, 4, 10, executor)).extracting(WordCount::word).containsExactly("the_end");
    }

    @Test
    void scan_summarisesEachFile() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "\n   \n  Hello, world  \nsecond line\nlast");
        Path big = Files.writeString(dir.resolve("long.txt"), "x".repeat(500));
        List<FileStats> r = kernels().scan(List.of(a, big)).result().join();
        assertThat(r.get(0)).extracting(FileStats::lines, FileStats::words, FileStats::summary)
                .containsExactly(5L, 5L, "Hello, world");
        assertThat(r.get(1).summary()).hasSize(FileStats.SUMMARY_LENGTH);
        assertThat(FileStats.of("")).extracting(FileStats::lines, FileStats::words).containsExactly(0L, 0L);
        assertThat(FileStats.of("a\n").lines()).isEqualTo(1);
    }

    /** A tree with ignore files, hidden files, a FIFO, a binary file and nested folders. */
    private Path walkFixture() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tree"));
        List<Path> docs = TextFixtures.write(Files.createDirectories(root.resolve("a/b/c")), 6, 200);
        TextFixtures.write(Files.createDirectories(root.resolve("d")), 5, 120);
        TextFixtures.write(Files.createDirectories(root.resolve(".hidden")), 2, 50);
        TextFixtures.write(Files.createDirectories(root.resolve("ignored")), 2, 50);
        Files.writeString(root.resolve(".gitignore"), "ignored/\n*.skip\n");
        Files.writeString(root.resolve("a/.ignore"), docs.getFirst().getFileName() + "\n");
        Files.copy(docs.get(1), root.resolve("d/also.skip"));
        Files.write(root.resolve("d/bin.dat"), new byte[] {'f', 'o', 'o', 0, '\n'});
        new ProcessBuilder("mkfifo", root.resolve("d/pipe").toString()).start().waitFor();
        return root;
    }

    @Test
    void grepAsFound_cancelled_stopsTheFolderWalkToo() throws Exception {
        Path root = Files.createDirectories(dir.resolve("many"));
        int folders = 1500;
        for (int i = 0; i < folders; i++) {
            Files.writeString(Files.createDirectories(root.resolve("d" + i)).resolve("f.txt"), "foo\n");
        }
        dev.whitemagic.engine.files.FileScanner scanner = dev.whitemagic.engine.files.FileScanner.defaults()
                .withParallelism(2);
        java.util.concurrent.CountDownLatch firstFile = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<dev.whitemagic.engine.files.ScanResult> walked =
                new java.util.concurrent.CompletableFuture<>();
        BatchHandle<GrepResult> run = kernels().grepAsFound(GrepPattern.compile("foo", GrepOptions.defaults()),
                found -> {
                    var sink = (dev.whitemagic.engine.files.FileScanner.Sink) found;
                    walked.complete(scanner.scan(List.of(root), new dev.whitemagic.engine.files.FileScanner.Sink() {
                        @Override
                        public void accept(Path path, java.nio.file.attribute.BasicFileAttributes attributes) {
                            sink.accept(path, attributes);
                            firstFile.countDown();
                            try {
                                cancelled.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }

                        @Override
                        public boolean stopped() {
                            return sink.stopped();
                        }
                    }));
                });
        assertThat(firstFile.await(20, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        cancelled.countDown();

        dev.whitemagic.engine.files.ScanResult scan = walked.get(20, TimeUnit.SECONDS);
        assertThat(run.isCancelled()).isTrue();
        // the walk stopped listing once the run was cancelled: far from all the folders
        assertThat(scan.directories()).isLessThan(folders / 2);
        assertThat(scan.files()).hasSizeLessThan(folders / 2);
    }

    @ParameterizedTest(name = "{0} icase={1} context={2}")
    @CsvSource({"foo,false,0", "o\\s+b,false,1", "SYNC,true,0", "^$,false,2", "FO+BA\\w,true,1"})
    void grepAsFound_givesTheSameResultsAsWalkThenGrep(String pattern, boolean icase, int context) throws Exception {
        Path root = walkFixture();
        dev.whitemagic.engine.files.FileScanner scanner = dev.whitemagic.engine.files.FileScanner.defaults();
        GrepPattern p = GrepPattern.compile(pattern, GrepOptions.defaults().withIgnoreCase(icase).withContext(context));
        List<Path> walked = scanner.withSorted(true).scan(root).files();
        List<GrepResult> reference = kernels().grep(p, walked).result().get(20, TimeUnit.SECONDS);

        BatchHandle<GrepResult> run = kernels().grepAsFound(p, found -> scanner.scan(List.of(root), found));
        List<GrepResult> streamed = new ArrayList<>(run.result().get(20, TimeUnit.SECONDS));
        streamed.sort(java.util.Comparator.comparing(GrepResult::path));

        assertThat(streamed).isEqualTo(reference);
        assertThat(walked).hasSize(11).noneMatch(f -> f.toString().contains("ignored") || f.toString().contains(".hidden"));
        assertThat(run.progress().itemsDone()).isEqualTo(walked.size());
        assertThat(run.progress().itemsTotal()).isEqualTo(walked.size());
        assertThat(run.completedSince(0)).hasSize(walked.size());
    }

    @Test
    void grepAsFound_keepsTheOrderFilesWereHandedOverIn_andAnEmptyFeedEnds() throws Exception {
        List<Path> files = TextFixtures.write(dir, 8, 40);
        GrepPattern p = GrepPattern.compile("foo", GrepOptions.defaults());
        List<GrepResult> r = kernels().grepAsFound(p, found -> files.reversed().forEach(f -> found.accept(f, null)))
                .result().get(20, TimeUnit.SECONDS);
        assertThat(r).extracting(GrepResult::path).containsExactlyElementsOf(files.reversed());
        assertThat(kernels().grepAsFound(p, found -> { }).result().get(20, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void grepAsFound_feedThatThrows_searchesWhatItHandedOverThenFails() throws Exception {
        List<Path> files = TextFixtures.write(dir, 2, 40);
        BatchHandle<GrepResult> run = kernels().grepAsFound(GrepPattern.compile("foo", GrepOptions.defaults()), found -> {
            files.forEach(f -> found.accept(f, null));
            throw new IllegalStateException("walk broke");
        });
        assertThat(run.result()).failsWithin(java.time.Duration.ofSeconds(20))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("walk broke");
        assertThat(run.completedSince(0)).hasSize(2);
    }

    @Test
    void grepAsFound_cancelWhileTheFeedWaits_endsTheBatch() throws Exception {
        List<Path> files = TextFixtures.write(dir, 2, 40);
        CountDownLatch release = new CountDownLatch(1);
        BatchHandle<GrepResult> run = kernels().grepAsFound(GrepPattern.compile("foo", GrepOptions.defaults()), found -> {
            files.forEach(f -> found.accept(f, null));
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            files.forEach(f -> found.accept(f, null)); // after the cancel: ignored
        });
        while (run.progress().itemsDone() < 2) {
            Thread.sleep(5);
        }
        run.cancel();
        assertThat(run.result().get(20, TimeUnit.SECONDS)).hasSize(2);
        assertThat(run.isCancelled()).isTrue();
        release.countDown();
    }

    @Test
    void grep_smallFilesSearchedInTheirNativeCopy_findWhatAPlainSearchFinds_alsoPastANul() throws Exception {
        // small files are searched by the C library in their native copy, unless they hold a NUL
        // (past the binary check's 8 KiB: not binary, so searched in Java)
        String filler = "lorem ipsum dolor\n".repeat(600); // 10.8 kB
        List<Path> files = List.of(
                Files.writeString(dir.resolve("start.txt"), "needle first\n" + filler),
                Files.writeString(dir.resolve("end.txt"), filler + "void needle() {"),
                Files.writeString(dir.resolve("none.txt"), filler),
                Files.writeString(dir.resolve("many.txt"), ("a needle, void needles(x)\n" + filler).repeat(3)),
                Files.write(dir.resolve("nul.txt"), (filler + "\0 needle after\nvoid needle() {\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Files.writeString(dir.resolve("cases.txt"), "NeEdLe x\nneedleNEEDLE\nnee dle\nVOID Needles(\n" + filler
                        + "neeneedle nEEDLE\n"));
        for (String pattern : new String[] {"needle", "\\bvoid\\s+\\w+\\(", "needles?\\b", "NeEdLe", "e"}) {
            for (int variant = 0; variant < 4; variant++) {
                boolean word = (variant & 1) != 0;
                boolean icase = (variant & 2) != 0;
                GrepPattern p = GrepPattern.compile(pattern, GrepOptions.defaults().withWordRegexp(word)
                        .withIgnoreCase(icase));
                List<GrepResult> results = kernels().grep(p, files).result().join();
                for (int i = 0; i < files.size(); i++) {
                    String doc = Files.readString(files.get(i));
                    String regex = word ? "(?<![\\p{L}\\p{N}\\p{M}_])(?:" + pattern + ")(?![\\p{L}\\p{N}\\p{M}_])" : pattern;
                    assertThat(results.get(i).hits()).extracting(GrepHit::line)
                            .as("%s word=%s -i=%s in %s", pattern, word, icase, files.get(i).getFileName())
                            .isEqualTo(TextFixtures.referenceLines(doc, regex,
                                    icase ? java.util.regex.Pattern.CASE_INSENSITIVE : 0));
                }
            }
        }
    }

    @Test
    void grep_ignoringCase_looksForTheRarePairNatively_inSmallFilesToo() throws Exception {
        String filler = "a map of concurrent things, and a hash\n".repeat(20);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(Files.writeString(dir.resolve("f" + i + ".txt"), i == 7 ? filler + "a ConcurrentHashMap\n" : filler));
        }
        GrepPattern p = GrepPattern.compile("concurrenthashmap", GrepOptions.defaults().withIgnoreCase(true));
        List<GrepResult> results = kernels().grep(p, files).result().join();
        assertThat(results).extracting(GrepResult::matchingLines)
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(p.natively().looks()).as("every file looked at natively first").isEqualTo(20);
    }

    @Test
    void grepAsFound_withTheFolderWalk_leavesNoDescriptorOpen_alsoWhenCancelled() throws Exception {
        Path root = Files.createDirectories(dir.resolve("tree"));
        org.junit.jupiter.api.Assumptions.assumeTrue(openDescriptorsUnder(root) >= 0, "needs /proc/self/fd");
        for (int i = 0; i < 300; i++) {
            Files.writeString(Files.createDirectories(root.resolve("d" + i)).resolve("f.txt"), "foo\nbar\n");
        }
        dev.whitemagic.engine.files.FileScanner scanner = dev.whitemagic.engine.files.FileScanner.defaults();
        GrepPattern p = GrepPattern.compile("foo", GrepOptions.defaults());
        List<GrepResult> all = kernels().grepAsFound(p, found -> scanner.scan(List.of(root), found))
                .result().get(20, TimeUnit.SECONDS);
        assertThat(all).hasSize(300).allMatch(r -> r.matchingLines() == 1 && r.errorMessage() == null);
        assertThat(openDescriptorsUnder(root)).isZero();

        BatchHandle<GrepResult> cancelled = kernels().grepAsFound(p, found -> scanner.scan(List.of(root), found));
        while (cancelled.progress().itemsDone() < 10 && !cancelled.isDone()) {
            Thread.sleep(1);
        }
        cancelled.cancel();
        cancelled.result().get(20, TimeUnit.SECONDS);
        // the walk may still be finishing its last folder when the result is in
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (openDescriptorsUnder(root) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(openDescriptorsUnder(root)).isZero();
    }

    @Test
    void grep_procFileThatSaysItsSizeIsZero_isSearchedToItsEnd() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(cpuinfo), "needs /proc");
        GrepPattern p = GrepPattern.compile("processor", GrepOptions.defaults().withCountOnly(true));
        GrepResult r = kernels().grep(p, List.of(cpuinfo)).result().join().getFirst();
        assertThat(r.errorMessage()).isNull();
        assertThat(r.matchingLines()).isPositive();
        FileStats stats = kernels().scan(List.of(cpuinfo)).result().join().getFirst();
        assertThat(stats.lines()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"UTF-16LE", "UTF-16BE"})
    void grep_utf16WithByteOrderMark_isTranscodedAndFound(String charset) throws IOException {
        java.nio.charset.Charset cs = java.nio.charset.Charset.forName(charset);
        byte[] bom = charset.endsWith("LE") ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF};
        byte[] text = "first line\nsecond needle ü\n".getBytes(cs);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, 2);
        System.arraycopy(text, 0, all, 2, text.length);
        Path f = Files.write(dir.resolve("u16.txt"), all);
        for (TextKernels k : List.of(kernels(), new TextKernels(executor, 2, new ChunkReader(16, 16)))) {
            GrepResult r = k.grep(GrepPattern.compile("needle ü", GrepOptions.defaults()), List.of(f)).result().join()
                    .getFirst();
            assertThat(r.binary()).isFalse();
            assertThat(r.hits()).extracting(GrepHit::line, GrepHit::text).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(2L, "second needle ü"));
            FileStats stats = k.scan(List.of(f)).result().join().getFirst();
            assertThat(stats.binary()).isFalse();
            assertThat(stats.lines()).isEqualTo(2);
            assertThat(stats.summary()).isEqualTo("first line");
        }
    }

    @Test
    void grep_utf8ByteOrderMark_isNotPartOfTheFirstLine() throws IOException {
        byte[] text = "needle first\nsecond\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[text.length + 3];
        all[0] = (byte) 0xEF;
        all[1] = (byte) 0xBB;
        all[2] = (byte) 0xBF;
        System.arraycopy(text, 0, all, 3, text.length);
        Path f = Files.write(dir.resolve("bom.txt"), all);
        for (TextKernels k : List.of(kernels(), new TextKernels(executor, 2, new ChunkReader(16, 16)))) {
            GrepResult r = k.grep(GrepPattern.compile("^needle", GrepOptions.defaults()), List.of(f)).result().join()
                    .getFirst();
            assertThat(r.hits()).extracting(GrepHit::text).containsExactly("needle first");
        }
    }
}
