package dev.whitemagic.engine.pipeline;

/**
 * Where a stage sends what it makes from one item: zero, one or many outputs. Emitting blocks
 * while the next stage's queue is full (backpressure).
 *
 * <pre>{@code
 * StageFunction<String, String> lines = (text, out) -> text.lines().forEach(out::emit);
 * }</pre>
 *
 * @param <O> the output
 */
@FunctionalInterface
public interface Emitter<O> {

    /** Sends one output on; {@code null} is ignored. */
    void emit(O item);
}
