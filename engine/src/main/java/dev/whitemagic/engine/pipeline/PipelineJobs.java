package dev.whitemagic.engine.pipeline;

import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.files.ConfinedFolder;
import dev.whitemagic.engine.pipeline.ops.OperationContext;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import dev.whitemagic.engine.scheduler.JobRecipe;
import dev.whitemagic.engine.scheduler.Jobs;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs pipelines as jobs of the engine's queue, so the Scheduler pane shows them: the job reports
 * how much of the input the first stages have taken, cancelling the job cancels the run, and its
 * summary gives the outcome.
 *
 * <pre>{@code
 * Jobs.JobHandle<PipelineResult> job = PipelineJobs.submit(engine.jobs(), "word count", pipeline, input,
 *         run -> run.subscribe(view::show));
 * PipelineResult r = job.join();
 * }</pre>
 */
public final class PipelineJobs {
    /** Recipe type of a pipeline run. */
    public static final String RECIPE = "pipeline.run";
    private static final int MAX_RECIPE_CHARS = 256 * 1024;

    private PipelineJobs() {
    }

    /**
     * Submits a run of {@code pipeline} on {@code input}; {@code started} gets the run when the job
     * starts (to follow its snapshots), on the job's thread.
     */
    public static Jobs.JobHandle<PipelineResult> submit(Jobs jobs, String name, ParallelPipeline pipeline, List<?> input,
            Consumer<PipelineRun> started) {
        return submit(jobs, name, pipeline, input, started, null);
    }

    /**
     * Submits a run of a pipeline file's pipeline, writing in its {@link #defaultOutput default
     * output folder}; see {@link #submit(WhiteMagicEngine, PipelineSpec, OperationRegistry, List, Path, Consumer)}.
     *
     * @throws PipelineSpecs.InvalidPipelineException when the spec has problems
     */
    public static Jobs.JobHandle<PipelineResult> submit(WhiteMagicEngine engine, PipelineSpec spec,
            OperationRegistry registry, List<String> input, Consumer<PipelineRun> started) {
        return submit(engine, spec, registry, input, null, started);
    }

    /**
     * Submits a run of a pipeline file's pipeline: as {@link #submit(Jobs, String, ParallelPipeline, List,
     * Consumer)}, and the job keeps the file's content, the input and the output folder, so that
     * after a restart it can run again (see {@link #registerRecipe}).
     *
     * @param output the only folder its operations may write in; null for {@link #defaultOutput}
     * @throws PipelineSpecs.InvalidPipelineException when the spec has problems
     */
    public static Jobs.JobHandle<PipelineResult> submit(WhiteMagicEngine engine, PipelineSpec spec,
            OperationRegistry registry, List<String> input, Path output, Consumer<PipelineRun> started) {
        Path out = output != null ? output.toAbsolutePath().normalize() : defaultOutput(engine.home(), spec);
        ParallelPipeline pipeline = PipelineSpecs.build(spec, registry, OperationContext.of(engine::memory,
                ConfinedFolder.of(out)));
        List<Object> items = PipelineSpecs.input(spec, registry, input);
        String json = PipelineSpecs.toJson(spec);
        JobRecipe recipe = json.length() + String.join("\n", input).length() <= MAX_RECIPE_CHARS
                ? new JobRecipe(RECIPE, Map.of("spec", json, "input", String.join("\n", input), "output", out.toString()))
                : null;
        return submit(engine.jobs(), "pipeline: " + (spec.name().isBlank() ? "untitled" : spec.name()), pipeline, items,
                started, recipe);
    }

    /**
     * Where a run of {@code spec} writes when no output folder is given: {@code home/output/<name>},
     * the name made safe as a folder name (letters, digits, {@code -} and {@code _}; "untitled" when
     * none is left).
     */
    public static Path defaultOutput(Path home, PipelineSpec spec) {
        String slug = spec.name().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 50) {
            slug = slug.substring(0, 50).replaceAll("-+$", "");
        }
        return home.toAbsolutePath().normalize().resolve("output").resolve(slug.isEmpty() ? "untitled" : slug);
    }

    /** Lets the engine's queue run pipeline jobs again after a restart. */
    public static void registerRecipe(WhiteMagicEngine engine) {
        engine.registerRecipe(RECIPE, (e, p) -> ctx -> {
            PipelineSpecs.Parsed parsed = PipelineSpecs.parse(p.getOrDefault("spec", ""));
            OperationRegistry registry = OperationRegistry.load();
            List<SpecProblem> problems = PipelineSpecs.validate(parsed, registry);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the pipeline is no longer valid: " + problems.getFirst());
            }
            List<String> input = p.getOrDefault("input", "").lines().filter(l -> !l.isEmpty()).toList();
            String output = p.getOrDefault("output", "");
            Path out = output.isEmpty() ? defaultOutput(e.home(), parsed.spec()) : Path.of(output);
            ParallelPipeline pipeline = PipelineSpecs.build(parsed.spec(), registry, OperationContext.of(e::memory,
                    ConfinedFolder.of(out)));
            PipelineRun run = pipeline.start(PipelineSpecs.input(parsed.spec(), registry, input));
            ctx.onCancel(run::cancel);
            try {
                return summary(run.result().get());
            } catch (InterruptedException ie) {
                run.cancel();
                return summary(run.result().join());
            }
        });
    }

    private static Jobs.JobHandle<PipelineResult> submit(Jobs jobs, String name, ParallelPipeline pipeline, List<?> input,
            Consumer<PipelineRun> started, JobRecipe recipe) {
        Objects.requireNonNull(pipeline, "pipeline");
        List<?> items = List.copyOf(input);
        return jobs.call(name, "pipeline", TaskPriority.NORMAL, ctx -> {
            PipelineRun run = pipeline.start(items);
            ctx.onCancel(run::cancel);
            if (started != null) {
                started.accept(run);
            }
            Set<String> sources = sources(pipeline);
            var progress = run.subscribe(s -> ctx.progress(Math.min(items.size(), sourceInput(s, sources)), items.size()));
            try {
                return run.result().get();
            } catch (InterruptedException e) {
                run.cancel();
                return run.result().join();
            } finally {
                progress.close();
                ctx.progress(items.size(), items.size());
            }
        }, PipelineJobs::summary, recipe);
    }

    /** "3 results, 2 errors, 1.2 s" or "failed: …" or "cancelled after 2 results". */
    public static String summary(PipelineResult r) {
        String counts = String.format(Locale.ROOT, "%,d result%s, %,d error%s, %.1f s", r.finalResults().size(),
                r.finalResults().size() == 1 ? "" : "s", r.errors().size(), r.errors().size() == 1 ? "" : "s",
                r.totalDuration().toMillis() / 1000.0);
        return r.success() ? counts : r.error() + " (" + counts + ")";
    }

    /** The stages nothing else feeds: they take the run's input. */
    private static Set<String> sources(ParallelPipeline pipeline) {
        Set<String> fed = new HashSet<>();
        pipeline.edges().values().forEach(fed::addAll);
        Set<String> sources = new HashSet<>();
        pipeline.stages().forEach(st -> {
            if (!fed.contains(st.name())) {
                sources.add(st.name());
            }
        });
        return sources;
    }

    private static long sourceInput(PipelineSnapshot s, Set<String> sources) {
        long max = 0;
        for (StageStats st : s.stages()) {
            if (sources.contains(st.name())) {
                max = Math.max(max, st.input());
            }
        }
        return max;
    }
}
