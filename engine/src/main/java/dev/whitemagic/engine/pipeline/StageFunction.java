package dev.whitemagic.engine.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a stage does with each item: {@link #apply} emits any number of outputs for one input, and
 * {@link #finish} may emit more once every input has been seen (aggregates). {@code apply} runs
 * on several workers at once, so it must be safe to call concurrently; {@code finish} runs once,
 * after the last {@code apply} has returned.
 *
 * <pre>{@code
 * StageFunction<Integer, Integer> twice = StageFunction.map(x -> x * 2);
 * StageFunction<String, String> words = (line, out) -> { for (String w : line.split(" ")) out.emit(w); };
 * StageFunction<String, Long> count = StageFunction.aggregate(java.util.concurrent.atomic.LongAdder::new,
 *         (n, s) -> n.increment(), n -> n.sum());
 * }</pre>
 *
 * @param <I> the input
 * @param <O> the output
 */
@FunctionalInterface
public interface StageFunction<I, O> {

    /**
     * Handles one item.
     *
     * @throws Exception a per-item error: recorded with the item, then the stage's
     *                   {@link ErrorPolicy} decides (skip, retry, or fail the run)
     */
    void apply(I item, Emitter<? super O> out) throws Exception;

    /** Called once after every input was handled; emits nothing by default. */
    default void finish(Emitter<? super O> out) throws Exception {
    }

    /** A function that may throw. */
    @FunctionalInterface
    interface ThrowingFunction<I, O> {
        O apply(I item) throws Exception;
    }

    /** One output per input ({@code null} outputs are dropped): the seed's stage function. */
    static <I, O> StageFunction<I, O> map(ThrowingFunction<? super I, ? extends O> fn) {
        Objects.requireNonNull(fn, "fn");
        return (item, out) -> out.emit(fn.apply(item));
    }

    /** Keeps the inputs that pass {@code test}. */
    static <I> StageFunction<I, I> filter(Predicate<? super I> test) {
        Objects.requireNonNull(test, "test");
        return (item, out) -> {
            if (test.test(item)) {
                out.emit(item);
            }
        };
    }

    /** Many outputs per input. */
    static <I, O> StageFunction<I, O> flatMap(ThrowingFunction<? super I, ? extends Iterable<? extends O>> fn) {
        Objects.requireNonNull(fn, "fn");
        return (item, out) -> {
            for (O o : fn.apply(item)) {
                out.emit(o);
            }
        };
    }

    /**
     * Folds every input into one accumulator and emits {@code result(accumulator)} at the end.
     * {@code add} is called under a lock, so a plain accumulator (a HashMap) is fine.
     */
    static <I, A, O> StageFunction<I, O> aggregate(Supplier<A> create, BiConsumer<A, ? super I> add,
            Function<? super A, ? extends O> result) {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(add, "add");
        Objects.requireNonNull(result, "result");
        return new StageFunction<>() {
            private final Object lock = new Object();
            private A acc;

            @Override
            public void apply(I item, Emitter<? super O> out) {
                synchronized (lock) {
                    if (acc == null) {
                        acc = create.get();
                    }
                    add.accept(acc, item);
                }
            }

            @Override
            public void finish(Emitter<? super O> out) {
                synchronized (lock) {
                    out.emit(result.apply(acc == null ? create.get() : acc));
                    acc = null;
                }
            }
        };
    }

    /**
     * Folds the inputs into one accumulator per worker, without a shared lock, then merges them
     * with {@code combine(into, from)} and emits {@code result(merged)} at the end: for stages with
     * several workers.
     */
    static <I, A, O> StageFunction<I, O> aggregate(Supplier<A> create, BiConsumer<A, ? super I> add,
            BiConsumer<A, A> combine, Function<? super A, ? extends O> result) {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(add, "add");
        Objects.requireNonNull(combine, "combine");
        Objects.requireNonNull(result, "result");
        return new StageFunction<>() {
            private final Map<Thread, A> perWorker = new ConcurrentHashMap<>();

            @Override
            public void apply(I item, Emitter<? super O> out) {
                add.accept(perWorker.computeIfAbsent(Thread.currentThread(), t -> create.get()), item);
            }

            @Override
            public void finish(Emitter<? super O> out) {
                A merged = null;
                for (A a : perWorker.values()) {
                    if (merged == null) {
                        merged = a;
                    } else {
                        combine.accept(merged, a);
                    }
                }
                perWorker.clear();
                out.emit(result.apply(merged == null ? create.get() : merged));
            }
        };
    }
}
