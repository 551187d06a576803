package dev.whitemagic.engine.pipeline;

import dev.whitemagic.engine.scheduler.Jobs;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    private PipelineJobs() {
    }

    /**
     * Submits a run of {@code pipeline} on {@code input}; {@code started} gets the run when the job
     * starts (to follow its snapshots), on the job's thread.
     */
    public static Jobs.JobHandle<PipelineResult> submit(Jobs jobs, String name, ParallelPipeline pipeline, List<?> input,
            Consumer<PipelineRun> started) {
        Objects.requireNonNull(pipeline, "pipeline");
        List<?> items = List.copyOf(input);
        return jobs.call(name, "pipeline", TaskPriority.NORMAL, ctx -> {
            PipelineRun run = pipeline.start(items);
            ctx.onCancel(run::cancel);
            if (started != null) {
                started.accept(run);
            }
            var progress = run.subscribe(s -> ctx.progress(Math.min(items.size(), sourceInput(s, pipeline)), items.size()));
            try {
                return run.result().get();
            } catch (InterruptedException e) {
                run.cancel();
                return run.result().join();
            } finally {
                progress.close();
                ctx.progress(items.size(), items.size());
            }
        }, PipelineJobs::summary);
    }

    /** "3 results, 2 errors, 1.2 s" or "failed: …" or "cancelled after 2 results". */
    public static String summary(PipelineResult r) {
        String counts = String.format(Locale.ROOT, "%,d result%s, %,d error%s, %.1f s", r.finalResults().size(),
                r.finalResults().size() == 1 ? "" : "s", r.errors().size(), r.errors().size() == 1 ? "" : "s",
                r.totalDuration().toMillis() / 1000.0);
        return r.success() ? counts : r.error() + " (" + counts + ")";
    }

    private static long sourceInput(PipelineSnapshot s, ParallelPipeline pipeline) {
        java.util.Set<String> fed = new java.util.HashSet<>();
        pipeline.edges().values().forEach(fed::addAll);
        long max = 0;
        for (StageStats st : s.stages()) {
            if (!fed.contains(st.name())) {
                max = Math.max(max, st.input());
            }
        }
        return max;
    }
}
