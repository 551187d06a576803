package dev.whitemagic.app.cli;

import dev.whitemagic.engine.files.FileResult;
import dev.whitemagic.engine.files.FileScanner;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.pipeline.ParallelPipeline;
import dev.whitemagic.engine.pipeline.PipelineResult;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import dev.whitemagic.engine.pipeline.ops.Counts;
import dev.whitemagic.engine.pipeline.ops.OperationContext;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import dev.whitemagic.engine.text.WordIndex;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code whitemagic bench pipeline}: the streaming pipeline against its bounds and against a plain
 * parallel stream, in one run. Every figure is the best of {@code runs}.
 */
final class PipelineBench {
    private final PrintWriter out;
    private final int runs;
    private final boolean quick;

    PipelineBench(PrintWriter out, int runs, boolean quick) {
        this.out = out;
        this.runs = runs;
        this.quick = quick;
    }

    void run(Path jdkSources) throws Exception {
        out.printf(Locale.ROOT, "%nPipeline benchmark, best of %d%n", runs);
        latencyBound();
        cpuBound();
        trivial();
        wordCount(jdkSources);
        out.flush();
    }

    /** Stages sleeping 10 / 5 / 2 ms with 64 / 32 / 16 workers: the bound is 64 / 10 ms = 6,400 items/s. */
    private void latencyBound() {
        int n = quick ? 3_000 : 20_000;
        List<Integer> items = range(n);
        double best = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            PipelineResult res = ParallelPipeline.create()
                    .addStage("sleep 10 ms", (Integer x) -> sleep(10, x), 64)
                    .addStage("sleep 5 ms", (Integer x) -> sleep(5, x), 32)
                    .addStage("sleep 2 ms", (Integer x) -> sleep(2, x), 16)
                    .execute(items);
            check(res, n);
            best = Math.max(best, n / seconds(t0));
        }
        double bound = 64 / 0.010;
        out.printf(Locale.ROOT, "  latency-bound chain (10/5/2 ms, 64/32/16 workers, %,d items)  %,10.0f items/s  %5.1f%% of the %,.0f bound (goal ≥ 95%%)%n",
                n, best, 100 * best / bound, bound);
    }

    /** Two CPU stages, each worker count = cores, against the same functions in a loop on one thread. */
    private void cpuBound() {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = quick ? 400 : 2_000;
        List<Integer> items = range(n);
        double bestSeq = Double.MAX_VALUE;
        double bestPipe = Double.MAX_VALUE;
        long check = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            long sum = 0;
            for (int x : items) {
                sum += burn(burn(x));
            }
            bestSeq = Math.min(bestSeq, seconds(t0));
            check = sum;
            t0 = System.nanoTime();
            PipelineResult res = ParallelPipeline.create()
                    .addStage("burn 1", (Integer x) -> (int) burn(x), cores)
                    .addStage("burn 2", (Integer x) -> burn(x), cores)
                    .execute(items);
            bestPipe = Math.min(bestPipe, seconds(t0));
            check(res, n);
            long pipeSum = res.finalResults().stream().mapToLong(o -> (Long) o).sum();
            if (pipeSum != check) {
                throw new IllegalStateException("CPU chain: the pipeline's sum differs from the loop's");
            }
        }
        out.printf(Locale.ROOT, "  CPU-bound chain (2 stages × %d workers, %,d items)            sequential %.2f s, pipeline %.2f s  %.2fx (goal ≥ 1.8x on 2 cores)%n",
                cores, n, bestSeq, bestPipe, bestSeq / bestPipe);
    }

    /** Three stages that pass the item on: the cost of the pipeline itself. */
    private void trivial() {
        int n = quick ? 300_000 : 3_000_000;
        List<Integer> items = range(n);
        double best = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            PipelineResult res = ParallelPipeline.create()
                    .addStage("a", (Integer x) -> x, 1)
                    .addStage("b", (Integer x) -> x, 1)
                    .addStage("c", (Integer x) -> x, 1)
                    .execute(items);
            check(res, n);
            best = Math.max(best, n / seconds(t0));
        }
        out.printf(Locale.ROOT, "  trivial 3-stage chain (1 worker each, %,d items)               %,10.0f items/s  (goal ≥ 1,000,000)%n", n, best);
    }

    /** The word-count sample against a parallel stream that lists, reads and counts the same files. */
    private void wordCount(Path root) throws Exception {
        OperationRegistry ops = OperationRegistry.builtIn();
        PipelineSpec spec;
        try (InputStream in = PipelineSpecs.class.getResourceAsStream("/pipelines/word-count.json")) {
            spec = PipelineSpecs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).spec();
        }
        double bestPipe = Double.MAX_VALUE;
        double bestStream = Double.MAX_VALUE;
        Map<String, Long> pipeTop = null;
        Map<String, Long> streamTop = null;
        int files = 0;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            PipelineResult res = PipelineSpecs.build(spec, ops, OperationContext.none())
                    .execute(PipelineSpecs.input(spec, ops, List.of(root.toString())));
            bestPipe = Math.min(bestPipe, seconds(t0));
            pipeTop = ((Counts) res.finalResults().getFirst()).counts();
            files = (int) res.stage("read").orElseThrow().input();

            t0 = System.nanoTime();
            List<Path> paths = FileScanner.defaults().scan(root).files();
            ParallelFileReader reader = new ParallelFileReader();
            Map<String, Long> all = paths.parallelStream().map(reader::read)
                    .filter(f -> f.status() == FileResult.Status.TEXT)
                    .collect(HashMap::new, (Map<String, Long> m, FileResult f) -> WordIndex.count(f.content()).forEach((w, c) -> {
                        if (w.length() >= 3) {
                            m.merge(w, c, Long::sum);
                        }
                    }), (a, b) -> b.forEach((k, v) -> a.merge(k, v, Long::sum)));
            streamTop = top(all, 20);
            bestStream = Math.min(bestStream, seconds(t0));
        }
        out.printf(Locale.ROOT, "  word-count sample over the JDK sources (%,d files)           pipeline %.2f s, parallel stream %.2f s  %.2fx; top-20 counts equal: %s%n",
                files, bestPipe, bestStream, bestPipe / bestStream, pipeTop.equals(streamTop) ? "yes" : "NO");
        if (!pipeTop.equals(streamTop)) {
            out.println("    pipeline: " + pipeTop);
            out.println("    stream:   " + streamTop);
        }
    }

    private static Map<String, Long> top(Map<String, Long> counts, int n) {
        List<Map.Entry<String, Long>> e = new ArrayList<>(counts.entrySet());
        e.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(n, e.size()); i++) {
            out.put(e.get(i).getKey(), e.get(i).getValue());
        }
        return out;
    }

    private static void check(PipelineResult res, int n) {
        if (!res.success() || res.finalResults().size() != n) {
            throw new IllegalStateException("the run lost items: " + res.finalResults().size() + " of " + n
                    + (res.error() == null ? "" : " (" + res.error() + ")"));
        }
    }

    private static <T> T sleep(long millis, T item) throws InterruptedException {
        Thread.sleep(millis);
        return item;
    }

    /** About 0.3 ms of arithmetic that the JIT cannot drop. */
    private static long burn(long seed) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 150_000; i++) {
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
        }
        return h & 0x7fffffff;
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
