package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.files.ConfinedFolder;
import dev.whitemagic.engine.pipeline.ParallelPipeline;
import dev.whitemagic.engine.pipeline.PipelineJobs;
import dev.whitemagic.engine.pipeline.PipelineResult;
import dev.whitemagic.engine.pipeline.PipelineRun;
import dev.whitemagic.engine.pipeline.PipelineSnapshot;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import dev.whitemagic.engine.pipeline.ops.Counts;
import dev.whitemagic.engine.pipeline.ops.OperationContext;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import dev.whitemagic.engine.scheduler.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of the edited pipeline as a job of the engine's queue. The run's snapshots land in one
 * slot that the pane's timeline drains (the newest wins; nothing queues up on the FX thread), and
 * the outcome — with its result rows already turned into text — completes off the FX thread.
 */
final class RunSession {

    /** How many results the table shows. */
    static final int MAX_ROWS = 10_000;

    /** One line of the results table. */
    record ResultRow(int index, String text) {}

    /** A finished run: the result and the first {@link #MAX_ROWS} rows of it. */
    record Outcome(PipelineResult result, List<ResultRow> rows, long totalRows, PipelineSnapshot last) {}

    private final AtomicReference<PipelineSnapshot> latest = new AtomicReference<>();
    private final AtomicReference<PipelineRun> run = new AtomicReference<>();
    private final Jobs.JobHandle<PipelineResult> handle;
    private final CompletableFuture<Outcome> outcome;

    private RunSession(WhiteMagicEngine engine, String name, ParallelPipeline pipeline, List<Object> items) {
        handle = PipelineJobs.submit(engine.jobs(), "pipeline: " + name, pipeline, items, r -> {
            run.set(r);
            r.subscribe(latest::set);
        });
        outcome = handle.result().thenApply(r -> {
            PipelineRun started = run.get();
            return new Outcome(r, rows(r.finalResults()), count(r.finalResults()), started == null ? null : started.snapshot());
        });
    }

    /**
     * Checks the input, builds the pipeline and submits it. Does I/O (the input paths must exist):
     * call off the FX thread.
     *
     * @throws IllegalArgumentException with a message for people when it cannot run
     */
    static RunSession start(WhiteMagicEngine engine, PipelineSpec spec, OperationRegistry registry, List<String> input) {
        List<Object> items = PipelineSpecs.input(spec, registry, input);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("The pipeline has no input: type a path or choose a folder.");
        }
        for (Object item : items) {
            if (item instanceof Path p && !Files.exists(p)) {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        // the command line's default: a pane run writes only in the pipeline's folder under the data directory
        ConfinedFolder output = ConfinedFolder.of(PipelineJobs.defaultOutput(engine.home(), spec));
        ParallelPipeline pipeline = PipelineSpecs.build(spec, registry, OperationContext.of(engine::memory, output));
        return new RunSession(engine, spec.name().isBlank() ? "untitled" : spec.name(), pipeline, items);
    }

    /** The newest snapshot since the last call, or null. */
    PipelineSnapshot takeSnapshot() {
        return latest.getAndSet(null);
    }

    void cancel() {
        PipelineRun r = run.get();
        if (r != null) {
            r.cancel();
        }
        handle.cancel();
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    static List<ResultRow> rows(List<Object> results) {
        List<ResultRow> rows = new ArrayList<>(Math.min(results.size(), MAX_ROWS));
        for (Object o : results) {
            if (rows.size() >= MAX_ROWS) {
                break;
            }
            if (o instanceof Counts c) {
                for (Map.Entry<String, Long> e : c.counts().entrySet()) {
                    if (rows.size() >= MAX_ROWS) {
                        break;
                    }
                    rows.add(new ResultRow(rows.size() + 1, String.format(Locale.ROOT, "%s  %,d", e.getKey(), e.getValue())));
                }
            } else {
                String text = String.valueOf(o);
                rows.add(new ResultRow(rows.size() + 1, text.length() > 500 ? text.substring(0, 500) + "…" : text));
            }
        }
        return rows;
    }

    static long count(List<Object> results) {
        long n = 0;
        for (Object o : results) {
            n += o instanceof Counts c ? c.counts().size() : 1;
        }
        return n;
    }
}
