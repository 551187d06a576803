package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.EngineFilesService;
import dev.whitemagic.app.files.FilesService.GrepFile;
import dev.whitemagic.app.files.FilesService.GrepQuery;
import dev.whitemagic.app.files.FilesService.Workers;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code whitemagic bench files|scheduler}: the engine side by side with its peer, in one run, as ratios.
 * The machine is shared and noisy, so every figure is a best of several runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the engine next to its peer in one run and prints a table with ratios.",
            "files: batch read of small files at every tier; grep over the JDK's sources ×10 next to ripgrep (rg);",
            "word index and similarity throughput.",
            "pipeline: a latency-bound and a CPU-bound chain against their bounds, trivial stages, the word-count sample next to a parallel stream.",
            "scheduler: 1,000,000 no-op tasks next to a ThreadPoolExecutor on a PriorityBlockingQueue; 10,000 tasks of",
            "1 ms sleep at maxConcurrent 64 against the 64,000 tasks/s bound; a CRITICAL task's start latency behind",
            "100,000 queued BULK tasks.",
            "search: memory search next to SQLite FTS5 (run by ./whitemagic from the opt-in benchmarks module)."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    WhiteMagicCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "files, scheduler, pipeline or search")
    String name;

    @Option(names = "--quick", description = "Smaller data and fewer runs (a smoke test of the benchmark itself).")
    boolean quick;

    @Option(names = "--work", paramLabel = "DIR", description = "Where the generated data lives (default: a folder under the temp dir; reused).")
    Path work;

    @Option(names = "--runs", paramLabel = "N",
            description = "Runs per measurement; the best is reported (default 3; 5 for scheduler, whose rounds are short).")
    Integer runsOption;

    private int runs;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (name.equals("search")) {
            throw new WhiteMagicCommand.UserError("the search benchmark runs from the benchmarks module: "
                    + "use ./whitemagic bench search (it builds the module first)");
        }
        if (!name.equals("files") && !name.equals("scheduler") && !name.equals("pipeline")) {
            throw new WhiteMagicCommand.UserError("unknown benchmark '" + name + "': try files, scheduler, pipeline or search");
        }
        runs = runsOption != null ? runsOption : name.equals("scheduler") ? 5 : 3;
        if (runs < 1) {
            throw new WhiteMagicCommand.UserError("--runs must be 1 or more");
        }
        if (name.equals("scheduler")) {
            machine();
            new SchedulerBench(out, quick, runs).run();
            out.flush();
            return 0;
        }
        Path dir = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "whitemagic-bench");
        Files.createDirectories(dir);
        machine();
        if (name.equals("pipeline")) {
            new PipelineBench(out, runs, quick).run(jdkCorpus(dir.resolve("jdk-src-x1"), 1).resolve("copy0"));
            return 0;
        }
        try (WhiteMagicEngine engine = root.engine(root.settings())) {
            // The adaptive setting reads the machine's load: the sampler is started before anything
            // is timed (as in the workbench, whose Dashboard keeps it running), so its start (OSHI:
            // a few hundred ms of CPU) does not land on the adaptive row.
            engine.metrics().awaitFirst(Duration.ofSeconds(10));
            FilesService service = new EngineFilesService(engine);
            readBench(service, dir.resolve(quick ? "small-2k" : "small-20k"), quick ? 2_000 : 20_000);
            Path corpus = jdkCorpus(dir.resolve(quick ? "jdk-src-x1" : "jdk-src-x10"), quick ? 1 : 10);
            grepBench(service, corpus);
            textBench(service, corpus);
        }
        out.flush();
        return 0;
    }

    private void machine() {
        out.printf(Locale.ROOT, "Machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), Runtime.version());
    }

    // ---- 1. batch read

    private void readBench(FilesService service, Path dir, int count) throws IOException {
        List<Path> files = smallFiles(dir, count);
        out.printf(Locale.ROOT, "%n1. Batch read of %,d small files (warm cache), best of %d%n", files.size(), runs);
        FilesService.Filters filters = FilesService.Filters.defaults();
        best(service, files, filters, new Workers(1, null)); // warm the cache and the JIT
        List<Workers> settings = new ArrayList<>();
        settings.add(new Workers(1, null));
        for (ThreadingTier t : ThreadingTier.values()) {
            settings.add(new Workers(null, t));
        }
        settings.add(Workers.ADAPTIVE);
        out.printf(Locale.ROOT, "%-28s %14s %12s%n", "setting", "files/s", "vs 1 worker");
        double sequential = 0;
        for (Workers w : settings) {
            double rate = best(service, files, filters, w);
            if (sequential == 0) {
                sequential = rate;
            }
            String label = w.count() == null && w.tier() == null ? "adaptive: " + service.lastWorkers() : w.describe();
            out.printf(Locale.ROOT, "%-28s %,14.0f %11.2fx%n", label, rate, rate / sequential);
            out.flush();
        }
    }

    private double best(FilesService service, List<Path> files, FilesService.Filters filters, Workers w) {
        double best = 0;
        for (int i = 0; i < runs; i++) {
            var handle = service.read(files, filters, w);
            handle.result().join();
            Progress p = handle.progress();
            best = Math.max(best, p.itemsPerSecond());
        }
        return best;
    }

    static List<Path> smallFiles(Path dir, int count) throws IOException {
        Path done = dir.resolve(".complete");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            String line = "The quick brown fox jumps over the lazy dog; parallel reading of many small files.\n";
            for (int i = 0; i < count; i++) {
                Path sub = dir.resolve("d" + (i / 1000));
                Files.createDirectories(sub);
                Files.writeString(sub.resolve("f" + i + ".txt"), line.repeat(1 + i % 40) + "file " + i + "\n");
            }
            Files.writeString(done, "ok");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    // ---- 2. grep vs rg

    private void grepBench(FilesService service, Path corpus) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        out.printf(Locale.ROOT, "%n2. grep over the JDK's sources (%s): %,d files, %.2f GB, warm cache, best of %d%n",
                corpus.getFileName(), files.size(), bytes / 1e9, runs);
        String rg = which("rg");
        if (rg == null) {
            out.println("   rg (ripgrep) is not installed: 'apt-get install ripgrep' to compare; engine figures only.");
        }
        out.printf(Locale.ROOT, "%-26s %11s %11s %9s %9s %10s %10s %8s%n", "pattern", "hits wm", "hits rg",
                "wm GB/s", "rg GB/s", "wm cmd s", "rg cmd s", "wm/rg");
        String[][] patterns = {{"literal", "synchronized", ""}, {"literal -i", "concurrenthashmap", "-i"},
            {"regex", "\\bvoid\\s+\\w+\\(", ""}};
        for (String[] p : patterns) {
            GrepQuery q = new GrepQuery(p[1], false, !p[2].isEmpty(), false, 0, true);
            long hits = 0;
            double engineSeconds = Double.MAX_VALUE;
            for (int i = 0; i < runs + 1; i++) {
                long t0 = System.nanoTime();
                long h = 0;
                for (GrepFile f : service.grep(files, q).result().join()) {
                    h += f.count();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                if (i > 0) { // the first run warms the JIT
                    engineSeconds = Math.min(engineSeconds, s);
                }
                hits = h;
            }
            List<String> wmCommand = selfCommand(System.getProperty("whitemagic.grepJavaOpts", ""));
            wmCommand.addAll(List.of("grep", "-c"));
            if (!p[2].isEmpty()) {
                wmCommand.add(p[2]);
            }
            wmCommand.addAll(List.of("--", p[1], corpus.toString()));
            double wmCmd = bestWall(wmCommand);
            long rgHits = -1;
            double rgCmd = Double.NaN;
            if (rg != null) {
                List<String> rgCommand = new ArrayList<>(List.of(rg, "-c"));
                if (!p[2].isEmpty()) {
                    rgCommand.add(p[2]);
                }
                rgCommand.addAll(List.of("--", p[1], corpus.toString()));
                rgHits = sumCounts(run(rgCommand));
                rgCmd = bestWall(rgCommand);
            }
            out.printf(Locale.ROOT, "%-26s %,11d %,11d %9.2f %9.2f %10.3f %10.3f %7.2fx%s%n", p[0] + " " + p[1], hits,
                    rgHits, bytes / 1e9 / engineSeconds, bytes / 1e9 / rgCmd, wmCmd, rgCmd, wmCmd / rgCmd,
                    rgHits >= 0 && rgHits != hits ? "  COUNTS DIFFER" : "");
            out.flush();
        }
        out.println("   wm GB/s: the engine's scan in a warm JVM; rg GB/s: rg's whole command. "
                + "cmd s: the whole command, JVM start included (wm uses the launcher's AOT cache when present).");
    }

    private double bestWall(List<String> command) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            run(command);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Sums the counts of {@code grep -c} output, "path:count" per line. */
    static long sumCounts(String output) {
        long sum = 0;
        for (String line : output.split("\n")) {
            int colon = line.lastIndexOf(':');
            if (colon > 0) {
                sum += Long.parseLong(line.substring(colon + 1).strip());
            }
        }
        return sum;
    }

    /**
     * This very program, as the launcher started it (same JVM flags, AOT cache, class path), with
     * the JVM flags the launcher adds for the command to run ({@code extraJavaOpts}; an AOT cache
     * named there replaces this program's own).
     */
    private static List<String> selfCommand(String extraJavaOpts) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        boolean ownCache = extraJavaOpts.contains("-XX:AOTCache=");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-Dwhitemagic.launchMillis") && !arg.startsWith("-Dwhitemagic.grepJavaOpts")
                    && !arg.startsWith("-agentlib") && !(ownCache && arg.startsWith("-XX:AOTCache="))) {
                command.add(arg);
            }
        }
        for (String opt : extraJavaOpts.strip().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.whitemagic.app.Main");
        return command;
    }

    private static String which(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The JDK's own sources (lib/src.zip), extracted once and copied {@code copies} times. */
    private Path jdkCorpus(Path dir, int copies) throws IOException {
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            return dir;
        }
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (!Files.isRegularFile(zip)) {
            throw new WhiteMagicCommand.UserError("this JDK has no lib/src.zip to build the grep corpus from");
        }
        out.println("Preparing the corpus in " + dir + " (once)…");
        out.flush();
        for (int c = 0; c < copies; c++) {
            Path copy = dir.resolve("copy" + c);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    Path target = copy.resolve(e.getName()).normalize();
                    if (!target.startsWith(copy)) {
                        continue; // never write outside the corpus
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Files.writeString(done, "ok");
        return dir;
    }

    // ---- 3. word index and similarity

    private void textBench(FilesService service, Path corpus) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus.resolve("copy0"))) {
            files = s.filter(Files::isRegularFile).toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        out.printf(Locale.ROOT, "%n3. Word index and similarity over one copy: %,d files, %.0f MB, best of %d%n",
                files.size(), bytes / 1e6, runs);
        double index = Double.MAX_VALUE;
        double similar = Double.MAX_VALUE;
        for (int i = 0; i < runs + 1; i++) {
            long t0 = System.nanoTime();
            service.index(files, 3, 25);
            long t1 = System.nanoTime();
            service.similar(files, "concurrent hash map segment lock table resize", 10);
            long t2 = System.nanoTime();
            if (i > 0) {
                index = Math.min(index, (t1 - t0) / 1e9);
                similar = Math.min(similar, (t2 - t1) / 1e9);
            }
        }
        out.printf(Locale.ROOT, "%-26s %10.0f MB/s%n", "word index (top 25)", bytes / 1e6 / index);
        out.printf(Locale.ROOT, "%-26s %10.0f MB/s%n", "similarity (rank, top 10)", bytes / 1e6 / similar);
    }
}
