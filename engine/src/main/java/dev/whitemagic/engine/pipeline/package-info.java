/**
 * Streaming pipelines: {@link dev.whitemagic.engine.pipeline.ParallelPipeline} runs stages at the
 * same time, each with its own workers, connected by bounded queues (backpressure); stages form a
 * chain or a graph (fan-out, fan-in). Per-item errors are recorded with their stage and item and
 * handled by each stage's {@link dev.whitemagic.engine.pipeline.ErrorPolicy}; a running pipeline
 * publishes {@link dev.whitemagic.engine.pipeline.PipelineSnapshot live figures} per stage.
 *
 * <pre>{@code
 * PipelineResult r = ParallelPipeline.create()
 *         .addStage("double", (Integer x) -> x * 2, 2)
 *         .addStage("plus one", (Integer x) -> x + 1, 2)
 *         .keepOrder(true)
 *         .execute(List.of(1, 2, 3));      // finalResults [3, 5, 7]
 * }</pre>
 */
package dev.whitemagic.engine.pipeline;
