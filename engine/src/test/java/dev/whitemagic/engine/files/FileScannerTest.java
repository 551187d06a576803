package dev.whitemagic.engine.files;

import static dev.whitemagic.engine.files.TestFiles.fifo;
import static dev.whitemagic.engine.files.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScannerTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private final FileScanner scanner = FileScanner.defaults().withSorted(true);

    private List<String> names(ScanResult result) {
        return result.files().stream().map(p -> root.relativize(p).toString()).toList();
    }

    @Test
    void scan_findsAFileWhoseNameIsNotUtf8_besideTheOthers() throws Exception {
        write(root.resolve("sub/plain.txt"), "x");
        Process p = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name.txt')\"")
                .directory(root.resolve("sub").toFile()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)
                && p.exitValue() == 0, "cannot make a non-UTF-8 name here");
        ScanResult result = scanner.scan(root);
        assertThat(result.files()).hasSize(2);
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void scan_honoursNestedGitignoreWithNegationAndAnchors() throws Exception {
        write(root.resolve(".gitignore"), "# logs\n*.log\n!keep.log\nbuild/\n/local.txt\n");
        write(root.resolve("a.log"), "");
        write(root.resolve("keep.log"), "");
        write(root.resolve("local.txt"), "");
        write(root.resolve("build/out.txt"), "");
        write(root.resolve("src/build/gen.txt"), "");
        write(root.resolve("src/local.txt"), "");
        write(root.resolve("src/Main.java"), "");
        write(root.resolve("sub/.gitignore"), "!sub.log\n/only-here.txt\n");
        write(root.resolve("sub/sub.log"), "");
        write(root.resolve("sub/other.log"), "");
        write(root.resolve("sub/only-here.txt"), "");
        write(root.resolve("sub/deeper/only-here.txt"), "");

        ScanResult result = scanner.scan(root);

        assertThat(names(result)).containsExactly("keep.log", "src/Main.java", "src/local.txt",
                "sub/deeper/only-here.txt", "sub/sub.log");
        assertThat(result.clean()).isTrue();
    }

    @Test
    void scan_dotIgnoreOverridesGitignoreInTheSameFolder() throws Exception {
        write(root.resolve(".gitignore"), "*.txt\n");
        write(root.resolve(".ignore"), "!wanted.txt\n");
        write(root.resolve("wanted.txt"), "");
        write(root.resolve("unwanted.txt"), "");
        assertThat(names(scanner.scan(root))).containsExactly("wanted.txt");
    }

    @Test
    void scan_withoutIgnoreFiles_listsIgnoredFiles() throws Exception {
        write(root.resolve(".gitignore"), "*.log\n");
        write(root.resolve("a.log"), "");
        assertThat(names(scanner.withIgnoreFiles(false).scan(root))).containsExactly("a.log");
    }

    @Test
    void scan_hiddenEntries_skippedByDefault() throws Exception {
        write(root.resolve(".hidden.txt"), "");
        write(root.resolve(".config/settings.txt"), "");
        write(root.resolve("visible.txt"), "");
        assertThat(names(scanner.scan(root))).containsExactly("visible.txt");
        assertThat(names(scanner.withHidden(true).scan(root)))
                .containsExactly(".config/settings.txt", ".hidden.txt", "visible.txt");
    }

    @Test
    void scan_defaultExcludedFolders_skippedUnlessTurnedOff() throws Exception {
        for (String d : List.of(".git", "node_modules", "target", ".idea", ".gradle", "__pycache__", ".venv", ".tox")) {
            write(root.resolve(d).resolve("x.txt"), "");
        }
        write(root.resolve("src/node_modules/y.js"), "");
        write(root.resolve("src/a.txt"), "");
        assertThat(names(scanner.withHidden(true).scan(root))).containsExactly("src/a.txt");
        assertThat(names(scanner.withHidden(true).withDefaultExcludes(false).scan(root))).hasSize(10);
        assertThat(FileScanner.DEFAULT_EXCLUDED_DIRS).contains(".git", "node_modules", "target");
    }

    @Test
    void scan_maxDepth_limitsHowDeep() throws Exception {
        write(root.resolve("1.txt"), "");
        write(root.resolve("a/2.txt"), "");
        write(root.resolve("a/b/3.txt"), "");
        assertThat(names(scanner.withMaxDepth(1).scan(root))).containsExactly("1.txt");
        assertThat(names(scanner.withMaxDepth(2).scan(root))).containsExactly("1.txt", "a/2.txt");
        assertThat(names(scanner.scan(root))).containsExactly("1.txt", "a/2.txt", "a/b/3.txt");
        assertThat(scanner.withMaxDepth(0).scan(root).files()).isEmpty();
    }

    @Test
    void scan_extensions_keepOnlyThoseFiles() throws Exception {
        write(root.resolve("A.JAVA"), "");
        write(root.resolve("b.md"), "");
        write(root.resolve("c.txt"), "");
        assertThat(names(scanner.withExtensions(List.of("java", ".md")).scan(root))).containsExactly("A.JAVA", "b.md");
    }

    @Test
    void scan_globs_includeByNameOrPathAndExcludePrunes() throws Exception {
        write(root.resolve("src/Main.java"), "");
        write(root.resolve("src/docs/guide.md"), "");
        write(root.resolve("src/readme.md"), "");
        write(root.resolve("docs/other.md"), "");
        write(root.resolve("gen/Gen.java"), "");
        write(root.resolve("notes.txt"), "");
        FileScanner globs = scanner.withInclude("*.java", "src/**/*.md").withExclude("gen/");
        assertThat(names(globs.scan(root))).containsExactly("src/Main.java", "src/docs/guide.md", "src/readme.md");
        assertThat(names(scanner.withGlobs(List.of("*.md", "!/docs")).scan(root)))
                .containsExactly("src/docs/guide.md", "src/readme.md");
        // unanchored, an exclude prunes a folder of that name at any depth
        assertThat(names(scanner.withGlobs(List.of("*.md", "!docs")).scan(root))).containsExactly("src/readme.md");
    }

    @Test
    void withInclude_emptyGlob_isRefused() {
        assertThatThrownBy(() -> scanner.withInclude("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scan_symlinks_notFollowedByDefault() throws Exception {
        Path target = write(root.resolve("real/file.txt"), "");
        Files.createSymbolicLink(root.resolve("link.txt"), target);
        Files.createSymbolicLink(root.resolve("linkdir"), root.resolve("real"));
        ScanResult result = scanner.scan(root);
        assertThat(names(result)).containsExactly("real/file.txt");
        assertThat(result.clean()).isTrue();
        assertThat(names(scanner.withFollowLinks(true).scan(root)))
                .containsExactly("link.txt", "linkdir/file.txt", "real/file.txt");
    }

    @Test
    void scan_linkToAnAncestor_isReportedAsALoop() throws Exception {
        write(root.resolve("a/b/file.txt"), "");
        Path loop = Files.createSymbolicLink(root.resolve("a/b/up"), root.resolve("a"));
        ScanResult result = assertTimeoutPreemptively(HANG_GUARD, () -> scanner.withFollowLinks(true).scan(root));
        assertThat(names(result)).containsExactly("a/b/file.txt");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(loop);
            assertThat(p.message()).startsWith("symbolic link loop: leads back to ").endsWith(", not followed");
        });
    }

    @Test
    void scan_brokenLink_isReportedWhenFollowing() throws Exception {
        Path broken = Files.createSymbolicLink(root.resolve("broken"), root.resolve("nowhere"));
        ScanResult result = scanner.withFollowLinks(true).scan(root);
        assertThat(result.problems()).containsExactly(new ScanProblem(broken, "broken symbolic link"));
    }

    @Test
    void scan_fifoInFolder_doesNotBlockAndIsNotListed() throws Exception {
        fifo(root.resolve("pipe"));
        fifo(root.resolve("sub/.gitignore"));
        write(root.resolve("sub/a.txt"), "");
        ScanResult result = assertTimeoutPreemptively(HANG_GUARD, () -> scanner.scan(root));
        assertThat(names(result)).containsExactly("sub/a.txt");
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("ignore file not read: not a regular file"));
        // and the scan's output read as a batch does not block either
        List<FileResult> read = assertTimeoutPreemptively(HANG_GUARD,
                () -> new ParallelFileReader().readBatch(List.of(root.resolve("pipe"), root.resolve("sub/a.txt"))));
        assertThat(read).extracting(FileResult::success).containsExactly(false, true);
    }

    @Test
    void scan_missingRoot_isAProblem_fileRootIsListed() throws Exception {
        Path file = write(root.resolve("single.txt"), "");
        ScanResult result = scanner.scan(List.of(root.resolve("missing"), file));
        assertThat(result.files()).containsExactly(file);
        assertThat(result.problems()).containsExactly(new ScanProblem(root.resolve("missing"), "no such file (removed?)"));
    }

    @Test
    void scan_unreadableFolder_isAProblemAndTheWalkGoesOn() throws Exception {
        assumeFalse(TestFiles.isRoot(), "root lists any folder: permission cannot be denied");
        Path locked = Files.createDirectories(root.resolve("locked"));
        write(root.resolve("open/a.txt"), "");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            ScanResult result = scanner.scan(root);
            assertThat(names(result)).containsExactly("open/a.txt");
            assertThat(result.problems()).containsExactly(new ScanProblem(locked, "cannot list folder: permission denied"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void scan_parallelAndSequential_findTheSameFilesAndSortedIsDeterministic() throws Exception {
        List<Path> expected = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            for (int f = 0; f < 50; f++) {
                expected.add(Files.writeString(Files.createDirectories(root.resolve("d" + d + "/e" + d % 3))
                        .resolve("f" + f + ".txt"), ""));
            }
        }
        expected.sort(null);
        ScanResult parallel = scanner.withParallelism(8).scan(root);
        ScanResult sequential = scanner.withParallelism(1).scan(root);
        assertThat(parallel.files()).containsExactlyElementsOf(expected);
        assertThat(sequential.files()).containsExactlyElementsOf(expected);
        assertThat(Set.copyOf(FileScanner.defaults().scan(root).files())).isEqualTo(Set.copyOf(expected));
        assertThat(parallel.directories()).isEqualTo(81);
    }

    @Test
    void scan_withConsumer_handsOverEveryListedFileOnce() throws Exception {
        write(root.resolve(".gitignore"), "*.log\n");
        write(root.resolve("a.txt"), "");
        write(root.resolve("b.log"), "");
        write(root.resolve(".hidden/c.txt"), "");
        write(root.resolve("sub/deeper/d.txt"), "");
        write(root.resolve("sub/.ignore"), "e.txt\n");
        write(root.resolve("sub/e.txt"), "");
        fifo(root.resolve("sub/pipe"));
        java.util.Queue<Path> found = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.Map<Path, Boolean> regular = new java.util.concurrent.ConcurrentHashMap<>();
        ScanResult result = assertTimeoutPreemptively(HANG_GUARD, () -> scanner.scan(List.of(root), (file, attributes) -> {
            found.add(file);
            // attributes are handed over when the walk read them (null when the listing said "file")
            regular.put(file, attributes == null || attributes.isRegularFile());
        }));
        List<Path> handed = new ArrayList<>(found);
        handed.sort(null);
        assertThat(handed).containsExactlyElementsOf(result.files());
        assertThat(names(result)).containsExactly("a.txt", "sub/deeper/d.txt");
        assertThat(result.files()).isEqualTo(scanner.scan(root).files());
        assertThat(regular).containsOnlyKeys(root.resolve("a.txt"), root.resolve("sub/deeper/d.txt"))
                .doesNotContainValue(false);
    }

    /** A sink that takes files with their folders and keeps them until told to release them. */
    private static final class HoldingSink implements FileScanner.Sink {
        final java.util.concurrent.BlockingQueue<Object[]> held = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean stop;

        @Override
        public void accept(Path path, java.nio.file.attribute.BasicFileAttributes attributes) {
            throw new AssertionError("a file of a natively listed folder came without it: " + path);
        }

        @Override
        public boolean takesFolders() {
            return true;
        }

        @Override
        public void acceptInFolder(List<Path> files, dev.whitemagic.engine.internal.NativeFiles.Folder folder,
                List<String> names) {
            for (int i = 0; i < files.size(); i++) {
                handed.incrementAndGet();
                held.add(new Object[] {files.get(i), folder, names.get(i)});
            }
        }

        @Override
        public boolean stopped() {
            return stop;
        }
    }

    @Test
    void scan_sinkTakingFolders_opensEachFileByNameInIt_andKeepsFewFoldersOpen() throws Exception {
        assumeFalse(!dev.whitemagic.engine.internal.NativeFiles.available(), "folders are opened natively on Linux");
        int folders = 3 * FileScanner.MAX_OPEN_FOLDERS;
        for (int i = 0; i < folders; i++) {
            write(root.resolve("d" + i + "/a.txt"), "a" + i);
            write(root.resolve("d" + i + "/b.txt"), "b" + i);
        }
        HoldingSink sink = new HoldingSink();
        java.util.concurrent.CompletableFuture<ScanResult> walk = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> FileScanner.defaults().withParallelism(2).scan(List.of(root), sink));
        // a slow consumer: the walk runs ahead until its budget of open folders is spent, then waits
        int mostOpen = 0;
        int read = 0;
        while (read < 2 * folders) {
            Object[] f = sink.held.poll(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(f).as("file %d handed over", read).isNotNull();
            Path file = (Path) f[0];
            var folder = (dev.whitemagic.engine.internal.NativeFiles.Folder) f[1];
            String name = (String) f[2];
            assertThat(name).isEqualTo(file.getFileName().toString());
            try (var in = dev.whitemagic.engine.internal.NativeFiles.openRegular(folder, name, file)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(Files.readString(file));
            } finally {
                folder.release();
            }
            mostOpen = Math.max(mostOpen, TestFiles.openDescriptorsUnder(root));
            read++;
        }
        ScanResult result = walk.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.files()).hasSize(2 * folders);
        assertThat(sink.handed.get()).isEqualTo(2 * folders);
        // the budget, plus one per walking thread that passed its check at the same moment (the
        // fork/join pool may add a thread while one waits on a join), plus the file being read
        assertThat(mostOpen).as("descriptors open at once").isBetween(1, FileScanner.MAX_OPEN_FOLDERS + 8);
        assertThat(TestFiles.openDescriptorsUnder(root)).as("all released, all closed").isZero();
    }

    @Test
    void scan_sinkThatStopsWhileHoldingEveryFolder_endsTheWalk_andReleasingClosesThem() throws Exception {
        assumeFalse(!dev.whitemagic.engine.internal.NativeFiles.available(), "folders are opened natively on Linux");
        int folders = 2 * FileScanner.MAX_OPEN_FOLDERS;
        for (int i = 0; i < folders; i++) {
            write(root.resolve("d" + i + "/a.txt"), "a");
        }
        HoldingSink sink = new HoldingSink();
        java.util.concurrent.CompletableFuture<ScanResult> walk = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> FileScanner.defaults().withParallelism(1).scan(List.of(root), sink));
        // never released: the walk waits for room until the sink says stop
        while (sink.handed.get() < FileScanner.MAX_OPEN_FOLDERS - 1) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(walk).isNotDone();
        sink.stop = true;
        ScanResult result = walk.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.files()).hasSizeLessThan(folders);
        assertThat(TestFiles.openDescriptorsUnder(root)).isEqualTo(sink.handed.get());
        for (Object[] f : sink.held) {
            ((dev.whitemagic.engine.internal.NativeFiles.Folder) f[1]).release();
        }
        assertThat(TestFiles.openDescriptorsUnder(root)).isZero();
    }

    @Test
    void scan_sinkThatKeepsTheFilesItself_getsThemAll_andTheResultListsNone() throws Exception {
        write(root.resolve("a.txt"), "");
        write(root.resolve("sub/b.txt"), "");
        java.util.Queue<Path> found = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ScanResult result = scanner.scan(List.of(root), new FileScanner.Sink() {
            @Override
            public void accept(Path path, java.nio.file.attribute.BasicFileAttributes attributes) {
                found.add(path);
            }

            @Override
            public boolean wantsList() {
                return false;
            }

            @Override
            public boolean stopped() {
                return false;
            }
        });
        assertThat(found).containsExactlyInAnyOrder(root.resolve("a.txt"), root.resolve("sub/b.txt"));
        assertThat(result.files()).isEmpty();
        assertThat(result.directories()).isEqualTo(2);
    }

    @Test
    void scan_folder2000Deep_findsTheFileWithoutAStackOverflow() throws Exception {
        Path tree = root.resolve("tree");
        try {
            Path needle = TestFiles.deepTree(tree, "d", 2000, "needle.txt", "needle\n");
            ScanResult scan = FileScanner.defaults().scan(tree);
            assertThat(scan.problems()).isEmpty();
            assertThat(scan.files()).containsExactly(needle);
            assertThat(scan.directories()).isEqualTo(2001);
        } finally {
            TestFiles.removeDeep(tree);
        }
    }

    @Test
    void scan_pathLongerThanPathMax_findsTheFileAndReadsIt() throws Exception {
        Path tree = root.resolve("tree");
        try {
            Path needle = TestFiles.deepTree(tree, "dd", 2000, "needle.txt", "needle\n");
            assertThat(needle.toString().length()).isGreaterThan(4096);
            ScanResult scan = FileScanner.defaults().scan(tree);
            assertThat(scan.problems()).isEmpty();
            assertThat(scan.files()).containsExactly(needle);
            FileResult read = new ParallelFileReader().read(needle);
            assertThat(read.error()).isNull();
            assertThat(read.content()).isEqualTo("needle\n");
            assertThat(TestFiles.openDescriptorsUnder(tree)).isLessThanOrEqualTo(0);
        } finally {
            TestFiles.removeDeep(tree);
        }
    }

    @Test
    void scan_linksAndSpecialFiles_areSkippedAndCounted() throws Exception {
        write(root.resolve("a.txt"), "a");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("a.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        fifo(root.resolve("pipe"));
        ScanResult scan = FileScanner.defaults().scan(root);
        assertThat(scan.files()).containsExactly(root.resolve("a.txt"));
        assertThat(scan.skipped()).isEqualTo(new ScanResult.Skipped(2, 1));
        assertThat(scan.skipped()).hasToString("2 links, 1 special file");
    }
}
