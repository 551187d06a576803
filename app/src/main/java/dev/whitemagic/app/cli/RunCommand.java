package dev.whitemagic.app.cli;

import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.pipeline.ItemError;
import dev.whitemagic.engine.pipeline.PipelineJobs;
import dev.whitemagic.engine.pipeline.PipelineResult;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import dev.whitemagic.engine.pipeline.SpecProblem;
import dev.whitemagic.engine.pipeline.StageResult;
import dev.whitemagic.engine.pipeline.ops.Counts;
import dev.whitemagic.engine.pipeline.ops.Operation;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import dev.whitemagic.engine.scheduler.Jobs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code whitemagic run}: runs a saved pipeline and prints its per-stage figures and results. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a pipeline file (or a sample by name: word-count, grep-to-memories, read-transform-write)",
            "on the --input paths, then prints each stage's figures, the per-item errors and the results.",
            "An invalid file gets every problem listed with its place (exit 2); a failed run exits 1."})
final class RunCommand implements Callable<Integer> {
    private static final int MAX_PROBLEMS = 20;
    private static final long STOP_GRACE_MILLIS = 500;
    private static final List<String> SAMPLES = List.of("word-count", "grep-to-memories", "read-transform-write");

    @ParentCommand
    WhiteMagicCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", arity = "0..1", description = "A pipeline .json file, or a sample's name.")
    String pipeline;

    @Option(names = "--input", paramLabel = "PATH", description = "Input for the first stages (repeatable; default: the file's own input).")
    List<String> input = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR", description = {"The only folder the pipeline may write files in",
        "(default: output/<pipeline name> in the data directory)."})
    Path output;

    @Option(names = "--json", description = "JSON Lines: one object per result, per error and per stage, then a summary.")
    boolean json;

    @Option(names = "--operations", description = "List the operations pipelines can use, with their parameters.")
    boolean operations;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
        PrintWriter err = spec.commandLine().getErr();
        OperationRegistry registry = OperationRegistry.load();
        registry.problems().forEach(p -> err.println("whitemagic: " + p));
        if (operations) {
            listOperations(registry, out);
            out.flush();
            return 0;
        }
        if (pipeline == null) {
            throw new WhiteMagicCommand.UserError("name a pipeline file or a sample (" + String.join(", ", SAMPLES) + ")");
        }
        PipelineSpecs.Parsed parsed = load(pipeline);
        List<SpecProblem> problems = PipelineSpecs.validate(parsed, registry);
        if (!problems.isEmpty()) {
            problems.stream().limit(MAX_PROBLEMS).forEach(p -> err.println("whitemagic: " + pipeline + ": " + p));
            if (problems.size() > MAX_PROBLEMS) {
                err.println("whitemagic: " + pipeline + ": … and " + (problems.size() - MAX_PROBLEMS) + " more problems");
            }
            return 2;
        }
        PipelineSpec p = parsed.spec();
        List<Object> items = PipelineSpecs.input(p, registry, input);
        if (items.isEmpty()) {
            throw new WhiteMagicCommand.UserError("the pipeline has no input: give --input PATH");
        }
        for (Object item : items) {
            if (item instanceof Path path && !Files.exists(path)) {
                throw new WhiteMagicCommand.UserError(path + ": no such file or folder");
            }
        }
        if (output != null && Files.exists(output) && !Files.isDirectory(output)) {
            throw new WhiteMagicCommand.UserError(output + ": --output must be a folder");
        }
        PipelineResult r;
        try (WhiteMagicEngine engine = root.engine(root.settings())) {
            var job = PipelineJobs.submit(engine, p, registry, input, output, null);
            AtomicBoolean signalled = new AtomicBoolean();
            Thread stop = onSignal(job, signalled, err);
            try {
                r = job.join();
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                if (signalled.get()) {
                    return 130; // the hook says what happened; the JVM is ending
                }
                // the run's own failures are in its result: this is the engine failing to run it at all
                err.println("whitemagic: the run failed: " + describe(e));
                return 1;
            } finally {
                removeHook(stop);
            }
            if (signalled.get()) {
                return 130;
            }
        }
        print(r, out);
        out.flush();
        r.errors().stream().limit(json ? 0 : 20).forEach(e -> err.println("whitemagic: " + e.stage() + ": " + e.item() + ": " + e.message()));
        if (!json && r.errors().size() > 20) {
            err.println("whitemagic: … and " + (r.errors().size() - 20) + " more errors");
        }
        if (!r.success()) {
            err.println("whitemagic: the run failed: " + r.error());
            return 1;
        }
        return 0;
    }

    /**
     * SIGTERM or Ctrl+C while the run goes: cancel it, give the workers a moment to leave nothing
     * half-written behind (the JVM halts after the hooks), and say so in one line.
     */
    private static Thread onSignal(Jobs.JobHandle<PipelineResult> job, AtomicBoolean signalled, PrintWriter err) {
        Thread hook = new Thread(() -> {
            signalled.set(true);
            job.cancel();
            try {
                job.result().get(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // stopped or not, the JVM ends now
            }
            err.println("whitemagic: stopped by a signal; the run was cancelled");
            err.flush();
        }, "wm-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || (t instanceof IllegalStateException && t.getMessage() == null)) && t.getCause() != null) {
            t = t.getCause();
        }
        return switch (t) {
            case StackOverflowError s -> "the pipeline is too deep to run (stack overflow)";
            case OutOfMemoryError o -> "not enough memory for the pipeline (" + o.getMessage() + ")";
            default -> t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        };
    }

    private PipelineSpecs.Parsed load(String name) throws IOException {
        Path file = Path.of(name);
        if (!Files.exists(file) && SAMPLES.contains(name.replaceFirst("\\.json$", ""))) {
            try (InputStream in = PipelineSpecs.class.getResourceAsStream("/pipelines/" + name.replaceFirst("\\.json$", "") + ".json")) {
                return PipelineSpecs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return PipelineSpecs.read(file);
    }

    private void print(PipelineResult r, PrintWriter out) {
        if (json) {
            for (Object o : r.finalResults()) {
                out.println(Json.line(Map.of("result", jsonValue(o))));
            }
            for (ItemError e : r.errors()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stage", e.stage());
                m.put("item", e.item());
                m.put("message", e.message());
                m.put("attempts", e.attempts());
                out.println(Json.line(Map.of("error", m)));
            }
            for (StageResult s : r.stages()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stage", s.name());
                m.put("workers", s.workers());
                m.put("input", s.input());
                m.put("output", s.output());
                m.put("errors", s.errors());
                m.put("success_rate", Math.round(s.successRate() * 10_000) / 10_000.0);
                m.put("items_per_second", Math.round(s.itemsPerSecond()));
                m.put("millis", s.duration().toMillis());
                out.println(Json.line(m));
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("success", r.success());
            summary.put("error", r.error());
            summary.put("results", r.finalResults().size());
            summary.put("errors", r.errors().size());
            summary.put("elapsed_ms", r.totalDuration().toMillis());
            out.println(Json.line(Map.of("summary", summary)));
            return;
        }
        for (Object o : r.finalResults()) {
            if (o instanceof Counts c) {
                int width = c.counts().keySet().stream().mapToInt(String::length).max().orElse(0);
                c.counts().forEach((k, v) -> out.printf(Locale.ROOT, "%-" + Math.max(1, width) + "s  %,d%n", k, v));
            } else {
                out.println(o);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-20s %7s %10s %10s %8s %12s %9s%n", "stage", "workers", "in", "out", "errors", "items/s", "time");
        for (StageResult s : r.stages()) {
            out.printf(Locale.ROOT, "%-20s %7d %,10d %,10d %,8d %,12.0f %8.2fs%n", s.name(), s.workers(), s.input(),
                    s.output(), s.errors(), s.itemsPerSecond(), s.duration().toMillis() / 1000.0);
        }
        out.println(PipelineJobs.summary(r));
    }

    private static Object jsonValue(Object o) {
        return switch (o) {
            case Counts c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", c.source());
                m.put("counts", c.counts());
                yield m;
            }
            case Path p -> p.toString();
            case Number n -> n;
            case Boolean b -> b;
            default -> o.toString();
        };
    }

    private static void listOperations(OperationRegistry registry, PrintWriter out) {
        for (Operation op : registry.all()) {
            out.printf(Locale.ROOT, "%-16s %s → %s  %s%n", op.id(), op.input().key(), op.output().key(), op.description());
            for (var p : op.parameters()) {
                out.printf(Locale.ROOT, "    %-14s %-8s %s%s%n", p.name(), p.kind().name().toLowerCase(Locale.ROOT),
                        p.description(), p.required() ? " (required)" : p.defaultValue() == null || p.defaultValue().isEmpty() ? ""
                                : " (default " + p.defaultValue() + ")");
            }
        }
    }
}
