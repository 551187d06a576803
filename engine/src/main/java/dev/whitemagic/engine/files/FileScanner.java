package dev.whitemagic.engine.files;

import dev.whitemagic.engine.internal.NativeFiles;
import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountedCompleter;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Walks folders in parallel and lists the regular files that pass its filters. Problems met on
 * the way (an unreadable folder, a link loop, a broken link, a bad ignore line) are values in
 * the {@link ScanResult}; they never stop the walk.
 *
 * <p>Defaults, as ripgrep's: hidden entries (name starting with {@code .}) are skipped;
 * {@code .gitignore} and {@code .ignore} files are honoured in every folder, nested ones too
 * ({@code .ignore} wins over {@code .gitignore}, deeper files over shallower ones; ignore files
 * above the scan root, {@code .git/info/exclude} and the global git excludes are not read);
 * the folders in {@link #DEFAULT_EXCLUDED_DIRS} are skipped; symbolic links are not followed (a
 * link is neither listed nor walked), and when they are, a link back to a folder being walked
 * is reported as a loop. FIFOs, sockets and devices are never listed. No depth limit. Output is
 * in walk order unless {@link #withSorted sorted} (by path, after the parallel walk).
 *
 * <p>Globs ({@link #withInclude}, {@link #withExclude}) use gitignore syntax: a glob without a
 * {@code /} matches a name at any depth ({@code *.java}), one with a {@code /} matches the path
 * relative to the scan root ({@code src/**}{@code /*.md}); {@code *}, {@code ?}, {@code [a-z]},
 * {@code **}; a trailing {@code /} matches folders only. An include glob selects files; an
 * exclude glob drops files and prunes folders.
 *
 * <p>Immutable and thread-safe; each {@code with…} returns a changed copy. Each scan runs on a
 * fork/join pool of its own ({@link #withParallelism}, default twice the cores), closed at the end.
 *
 * <pre>{@code
 * ScanResult scan = FileScanner.defaults()
 *         .withInclude("*.java", "docs/**")
 *         .withExclude("generated/")
 *         .withMaxDepth(8)
 *         .withSorted(true)
 *         .scan(Path.of("project"));
 * scan.files().forEach(System.out::println);
 * }</pre>
 */
public final class FileScanner {

    /**
     * A receiver of the files a walk finds ({@link #scan(List, java.util.function.BiConsumer)})
     * that can also stop the walk: once {@link #stopped()} says so, no further folder is listed
     * (the folders being listed at that moment finish).
     */
    public interface Sink extends BiConsumer<Path, BasicFileAttributes> {
        /** Whether the walk should stop (e.g. its work was cancelled). */
        boolean stopped();

        /**
         * Whether files are to come with their folder held open ({@link #acceptInFolder}), where
         * the walk lists folders natively; default false. The walk then keeps at most
         * {@link #MAX_OPEN_FOLDERS} open, and waits for the sink to release some when it runs
         * ahead.
         */
        default boolean takesFolders() {
            return false;
        }

        /**
         * Whether the scan's result is to list the files too (default true). A sink that keeps
         * them itself can say no: the walk then keeps none (a big tree's paths, and the time to
         * gather them), and {@link ScanResult#files()} is empty.
         */
        default boolean wantsList() {
            return true;
        }

        /**
         * The regular files the walk found in one {@code folder} ({@code names}: theirs there),
         * handed over at once, the folder held open once for each of them: the sink releases it
         * once per file (e.g. after opening the file by its name in it), also for a file it
         * drops. Called instead of {@link #accept} when {@link #takesFolders()}; the default
         * hands each path to {@link #accept} and releases the folder for it.
         */
        default void acceptInFolder(List<Path> files, NativeFiles.Folder folder, List<String> names) {
            for (Path file : files) {
                try {
                    accept(file, null);
                } finally {
                    folder.release();
                }
            }
        }
    }

    /** Folders a walk keeps open at most for a {@link Sink} that {@link Sink#takesFolders() takes them}. */
    public static final int MAX_OPEN_FOLDERS = 64;

    /** Folders skipped by default, at any depth: version control, dependencies, build output, caches. */
    public static final Set<String> DEFAULT_EXCLUDED_DIRS = Set.of(
            ".git", ".hg", ".svn", ".bzr", "node_modules", "bower_components", "target", ".idea",
            ".gradle", "__pycache__", ".venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache");

    /** The ignore files read in each folder, lowest precedence first. */
    public static final List<String> IGNORE_FILES = List.of(".gitignore", ".ignore");

    private static final long MAX_IGNORE_FILE = 1024 * 1024;

    private final List<Glob> include;
    private final List<Glob> exclude;
    private final Set<String> extensions;
    private final int maxDepth;
    private final boolean hidden;
    private final boolean ignoreFiles;
    private final boolean defaultExcludes;
    private final boolean followLinks;
    private final boolean sorted;
    private final int parallelism;

    private FileScanner(List<Glob> include, List<Glob> exclude, Set<String> extensions, int maxDepth,
            boolean hidden, boolean ignoreFiles, boolean defaultExcludes, boolean followLinks, boolean sorted,
            int parallelism) {
        this.include = include;
        this.exclude = exclude;
        this.extensions = extensions;
        this.maxDepth = maxDepth;
        this.hidden = hidden;
        this.ignoreFiles = ignoreFiles;
        this.defaultExcludes = defaultExcludes;
        this.followLinks = followLinks;
        this.sorted = sorted;
        this.parallelism = parallelism;
    }

    /** A scanner with the defaults described above. */
    public static FileScanner defaults() {
        return new FileScanner(List.of(), List.of(), Set.of(), Integer.MAX_VALUE, false, true, true, false, false,
                Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Lists only files matching at least one of {@code globs} (none: every file).
     *
     * @throws IllegalArgumentException naming a glob that cannot be read
     */
    public FileScanner withInclude(String... globs) {
        return new FileScanner(compile(globs), exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /**
     * Leaves out files, and does not enter folders, matching any of {@code globs}.
     *
     * @throws IllegalArgumentException naming a glob that cannot be read
     */
    public FileScanner withExclude(String... globs) {
        return new FileScanner(include, compile(globs), extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** ripgrep-style {@code --glob} list: a glob starting with {@code !} excludes, others include. */
    public FileScanner withGlobs(Collection<String> globs) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String g : globs) {
            if (g.startsWith("!")) {
                out.add(g.substring(1));
            } else {
                in.add(g);
            }
        }
        return withInclude(in.toArray(String[]::new)).withExclude(out.toArray(String[]::new));
    }

    /** Lists only files with one of these extensions ({@code "java"} or {@code ".java"}, any case). */
    public FileScanner withExtensions(Collection<String> extensions) {
        return new FileScanner(include, exclude, ParallelFileReader.normalize(extensions), maxDepth, hidden,
                ignoreFiles, defaultExcludes, followLinks, sorted, parallelism);
    }

    /** How deep to go: 1 lists only the root's own files; default unlimited. */
    public FileScanner withMaxDepth(int maxDepth) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max depth must be 0 or more, got " + maxDepth);
        }
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** Whether hidden files and folders are listed; default false. */
    public FileScanner withHidden(boolean hidden) {
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** Whether {@code .gitignore} and {@code .ignore} files are honoured; default true. */
    public FileScanner withIgnoreFiles(boolean ignoreFiles) {
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** Whether the {@link #DEFAULT_EXCLUDED_DIRS} are skipped; default true. */
    public FileScanner withDefaultExcludes(boolean defaultExcludes) {
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** Whether symbolic links are followed (loops reported); default false. */
    public FileScanner withFollowLinks(boolean followLinks) {
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** Whether the files come sorted by path (deterministic output); default false. */
    public FileScanner withSorted(boolean sorted) {
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /** How many folders are listed at once; default twice the cores. */
    public FileScanner withParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new FileScanner(include, exclude, extensions, maxDepth, hidden, ignoreFiles, defaultExcludes,
                followLinks, sorted, parallelism);
    }

    /**
     * Walks {@code root}. A root that is a regular file is listed as is; a missing root is a
     * problem in the result. Never throws for what it finds on disk.
     */
    public ScanResult scan(Path root) {
        return scan(List.of(root));
    }

    /** Walks every root in turn (each in parallel) and joins the results. */
    public ScanResult scan(List<Path> roots) {
        return scan(roots, null);
    }

    /**
     * As {@link #scan(List)}, and hands each file to {@code onFile} the moment the walk finds it,
     * with the attributes the walk read for it (a regular file's: its size, its times) or null
     * when the walk did not need to read them (on Linux the folder listing says which entries are
     * files, so most are never asked: that is one {@code stat} less per file), so work
     * on the files can start while the walk goes on (as ripgrep does). {@code onFile} is called
     * from the walking threads, at the same time from several of them, in walk order (never
     * sorted); it should be quick (e.g. put the path on a queue) and must not throw. The
     * returned result lists the same files, sorted when {@link #withSorted sorted}. When
     * {@code onFile} is a {@link Sink}, the walk stops listing folders once it says so.
     *
     * <pre>{@code
     * Queue<Path> found = new ConcurrentLinkedQueue<>();
     * ScanResult scan = FileScanner.defaults().scan(List.of(Path.of("src")), (file, attributes) -> found.add(file));
     * }</pre>
     */
    public ScanResult scan(List<Path> roots,
            BiConsumer<? super Path, ? super BasicFileAttributes> onFile) {
        long start = System.nanoTime();
        Walk walk = new Walk(onFile);
        try (ForkJoinPool pool = new ForkJoinPool(parallelism)) {
            for (Path root : roots) {
                Objects.requireNonNull(root, "root");
                SafeFiles.Checked checked = SafeFiles.check(root, true);
                if (checked.ok()) {
                    walk.found(root, checked.attributes());
                } else if (checked.attributes() != null && checked.attributes().isDirectory()) {
                    Object key = checked.attributes().fileKey();
                    pool.invoke(new DirTask(null, walk, root, "", 0, IgnoreRules.NONE,
                            followLinks ? new Ancestor(key != null ? key : root, root, null) : null));
                } else if (checked.attributes() == null) {
                    walk.problems.add(new ScanProblem(root, checked.error()));
                } else {
                    walk.special.incrementAndGet(); // a FIFO, socket or device: skipped, as inside folders
                }
            }
        }
        List<Path> files = new ArrayList<>(walk.files);
        if (sorted) {
            files.sort(null);
        }
        List<ScanProblem> problems = new ArrayList<>(walk.problems);
        problems.sort((a, b) -> a.path().compareTo(b.path()));
        return new ScanResult(files, problems, walk.directories.get(),
                Duration.ofNanos(System.nanoTime() - start),
                new ScanResult.Skipped(walk.links.get(), walk.special.get()));
    }

    private static List<Glob> compile(String... globs) {
        List<Glob> out = new ArrayList<>(globs.length);
        for (String g : globs) {
            out.add(Glob.of(g));
        }
        return List.copyOf(out);
    }

    private static boolean any(List<Glob> globs, String rel, String name, boolean isDir) {
        for (Glob g : globs) {
            if (g.matches(rel, name, isDir)) {
                return true;
            }
        }
        return false;
    }

    /** What one scan collects, from many threads. */
    private static final class Walk {
        final Queue<Path> files = new ConcurrentLinkedQueue<>();
        final Queue<ScanProblem> problems = new ConcurrentLinkedQueue<>();
        final AtomicLong directories = new AtomicLong();
        /** Entries passed over: symbolic links not followed, FIFOs, sockets and devices. */
        final AtomicLong links = new AtomicLong();
        final AtomicLong special = new AtomicLong();
        final BiConsumer<? super Path, ? super BasicFileAttributes> onFile;
        private final Sink sink;
        /** Counts the open folders when the sink takes files with their folder; else null. */
        final NativeFiles.FolderBudget budget;
        /** Whether {@link #files} is kept (not when the sink says it keeps them itself). */
        private final boolean list;

        Walk(BiConsumer<? super Path, ? super BasicFileAttributes> onFile) {
            this.onFile = onFile;
            this.sink = onFile instanceof Sink s ? s : null;
            this.budget = sink != null && sink.takesFolders() ? new NativeFiles.FolderBudget(MAX_OPEN_FOLDERS) : null;
            this.list = sink == null || sink.wantsList();
        }

        boolean stopped() {
            return sink != null && sink.stopped();
        }

        void found(Path file, BasicFileAttributes attributes) {
            if (list) {
                files.add(file);
            }
            if (onFile != null) {
                onFile.accept(file, attributes);
            }
        }

        /** Whether files found in a natively listed folder go to the sink with it ({@link #foundIn}). */
        boolean takesFolders() {
            return budget != null;
        }

        /** Regular files found in the open {@code folder}, by their names there. */
        void foundIn(NativeFiles.Folder folder, List<Path> found, List<String> names) {
            if (found.isEmpty()) {
                return;
            }
            if (list) {
                files.addAll(found);
            }
            sink.acceptInFolder(found, folder.retain(found.size()), names);
        }
    }

    /** The folders on the way down from the root, by file key, to spot a link back up. */
    private record Ancestor(Object key, Path path, Ancestor parent) {
        Path find(Object k) {
            for (Ancestor a = this; a != null; a = a.parent) {
                if (a.key.equals(k)) {
                    return a.path;
                }
            }
            return null;
        }
    }

    /**
     * Lists one folder, keeps its files and forks a task per subfolder. A counted completer: a
     * task forks its subfolders' tasks and returns without waiting for them (the last of them to
     * finish completes it), so no thread's stack grows with the depth of the tree (a recursive
     * join overflowed the stack 2,000 folders down).
     */
    private final class DirTask extends CountedCompleter<Void> {
        private final Walk walk;
        private final Path dir;
        private final String rel;
        private final int depth;
        private final IgnoreRules inherited;
        private final Ancestor ancestors;

        DirTask(DirTask parent, Walk walk, Path dir, String rel, int depth, IgnoreRules inherited,
                Ancestor ancestors) {
            super(parent);
            this.walk = walk;
            this.dir = dir;
            this.rel = rel;
            this.depth = depth;
            this.inherited = inherited;
            this.ancestors = ancestors;
        }

        @Override
        public void compute() {
            try {
                List<DirTask> subtasks = list();
                if (subtasks != null) {
                    addToPendingCount(subtasks.size());
                    for (DirTask t : subtasks) {
                        t.fork();
                    }
                }
            } finally {
                tryComplete();
            }
        }

        /** Lists the folder; returns its subfolders' tasks (null: none to walk). */
        private List<DirTask> list() {
            if (walk.stopped()) {
                return null;
            }
            walk.directories.incrementAndGet();
            // names and d_types from the kernel when it can list the folder (no stat needed for files
            // and folders); the folder stays open for the files found in it when the sink takes them
            NativeFiles.Folder folder = null;
            List<NativeFiles.Entry> listed = null;
            if (NativeFiles.available()) {
                if (walk.budget != null && !walk.budget.awaitRoom(walk::stopped)) {
                    return null;
                }
                try {
                    folder = NativeFiles.openFolder(dir, walk.budget);
                    listed = folder == null ? null : NativeFiles.list(folder, dir);
                } catch (IOException e) {
                    if (folder != null) {
                        folder.release();
                    }
                    walk.problems.add(new ScanProblem(dir, "cannot list folder: " + SafeFiles.describe(e)));
                    return null;
                }
                if (listed == null && folder != null) {
                    folder.release(); // a name that is not UTF-8: the JDK lists it, files are opened by path
                    folder = null;
                }
            }
            try {
                return visitEntries(folder, listed);
            } finally {
                if (folder != null) {
                    folder.release();
                }
            }
        }

        /**
         * Sorts the entries of this folder ({@code listed}: from the native listing, else null and
         * read here with the JDK): hands its files to the walk and returns the tasks for its
         * subfolders (null when it cannot be listed).
         */
        private List<DirTask> visitEntries(NativeFiles.Folder folder, List<NativeFiles.Entry> listed) {
            List<Path> entries = new ArrayList<>();
            // the files for the sink with their folder, handed over together after the listing
            List<Path> inFolder = folder != null && walk.takesFolders() ? new ArrayList<>() : null;
            List<String> inFolderNames = inFolder != null ? new ArrayList<>() : null;
            if (listed != null) {
                for (NativeFiles.Entry e : listed) {
                    entries.add(dir.resolve(e.name()));
                }
            } else {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                    for (Path p : stream) {
                        entries.add(p);
                    }
                } catch (IOException e) {
                    walk.problems.add(new ScanProblem(dir, "cannot list folder: " + SafeFiles.describe(e)));
                    return null;
                } catch (DirectoryIteratorException e) {
                    walk.problems.add(new ScanProblem(dir, "cannot list folder: " + SafeFiles.describe(e.getCause())));
                    // keep the entries read so far
                }
            }
            IgnoreRules rules = ignoreFiles ? readIgnoreFiles(entries, listed) : inherited;
            List<DirTask> subtasks = new ArrayList<>();
            int childDepth = depth + 1;
            for (int i = 0; i < entries.size(); i++) {
                Path entry = entries.get(i);
                String name = listed != null ? listed.get(i).name() : entry.getFileName().toString();
                if (!hidden && name.startsWith(".")) {
                    continue;
                }
                int type = listed != null ? listed.get(i).type() : NativeFiles.DT_UNKNOWN;
                BasicFileAttributes attrs = null;
                boolean isDir;
                boolean isFile;
                if (type == NativeFiles.DT_REG || (type == NativeFiles.DT_DIR && ancestors == null)) {
                    // the listing says what it is; a folder's key is only needed to spot link loops
                    isDir = type == NativeFiles.DT_DIR;
                    isFile = !isDir;
                } else if (type == NativeFiles.DT_FIFO || type == NativeFiles.DT_CHR || type == NativeFiles.DT_BLK
                        || type == NativeFiles.DT_SOCK) {
                    walk.special.incrementAndGet();
                    continue; // FIFOs, sockets and devices are never listed
                } else if (type == NativeFiles.DT_LNK && !followLinks) {
                    walk.links.incrementAndGet(); // the listing says link: not followed, no stat needed
                    continue;
                } else {
                    try {
                        attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        if (attrs.isSymbolicLink()) {
                            if (!followLinks) {
                                walk.links.incrementAndGet();
                                continue;
                            }
                            attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                        }
                    } catch (IOException e) {
                        String why = SafeFiles.describe(e);
                        walk.problems.add(new ScanProblem(entry,
                                why.startsWith("no such file") && Files.isSymbolicLink(entry) ? "broken symbolic link" : why));
                        continue;
                    }
                    isDir = attrs.isDirectory();
                    isFile = attrs.isRegularFile();
                    if (!isDir && !isFile) {
                        walk.special.incrementAndGet();
                        continue;
                    }
                }
                // the path from the root is only needed by folders, ignore rules and globs
                String childRel = isDir || rules != IgnoreRules.NONE || !exclude.isEmpty() || !include.isEmpty()
                        ? (rel.isEmpty() ? name : rel + "/" + name) : null;
                if (isDir) {
                    if (childDepth >= maxDepth
                            || (defaultExcludes && DEFAULT_EXCLUDED_DIRS.contains(name))
                            || rules.ignored(childRel, name, true)
                            || any(exclude, childRel, name, true)) {
                        continue;
                    }
                    Ancestor down = null;
                    if (ancestors != null) {
                        Object key = attrs.fileKey() != null ? attrs.fileKey() : entry;
                        Path loop = ancestors.find(key);
                        if (loop != null) {
                            walk.problems.add(new ScanProblem(entry,
                                    "symbolic link loop: leads back to " + loop + ", not followed"));
                            continue;
                        }
                        down = new Ancestor(key, entry, ancestors);
                    }
                    subtasks.add(new DirTask(this, walk, entry, childRel, childDepth, rules, down));
                } else if (isFile) {
                    if (childDepth <= maxDepth
                            && (childRel == null || !rules.ignored(childRel, name, false)
                                    && !any(exclude, childRel, name, false)
                                    && (include.isEmpty() || any(include, childRel, name, false)))
                            && (extensions.isEmpty() || ParallelFileReader.hasExtension(entry, extensions))) {
                        if (inFolder != null && attrs == null) {
                            inFolder.add(entry);
                            inFolderNames.add(name);
                        } else {
                            walk.found(entry, attrs);
                        }
                    }
                }
                // FIFOs, sockets and devices are never listed.
            }
            if (inFolder != null) {
                walk.foundIn(folder, inFolder, inFolderNames);
            }
            return subtasks;
        }

        /** {@code names}: the entries' names, from the listing (null: read from the paths). */
        private IgnoreRules readIgnoreFiles(List<Path> entries, List<NativeFiles.Entry> names) {
            IgnoreRules rules = inherited;
            for (String ignoreName : IGNORE_FILES) {
                for (int i = 0; i < entries.size(); i++) {
                    Path entry = entries.get(i);
                    String name = names != null ? names.get(i).name() : entry.getFileName().toString();
                    if (name.equals(ignoreName)) {
                        FileResult r = FileLoader.read(entry, MAX_IGNORE_FILE, true);
                        if (r.hasContent()) {
                            rules = rules.with(rel, r.content(), (line, message) -> walk.problems.add(
                                    new ScanProblem(entry, "line " + line + ": " + message + ", skipped")));
                        } else if (!r.success()) {
                            walk.problems.add(new ScanProblem(entry, "ignore file not read: " + r.error()));
                        }
                    }
                }
            }
            return rules;
        }
    }
}
