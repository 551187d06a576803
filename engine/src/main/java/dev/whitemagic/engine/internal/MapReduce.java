package dev.whitemagic.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The seed's {@code map_reduce_parallel(data, map_fn, reduce_fn)}: map every item in parallel,
 * then combine the partial results pairwise, also in parallel (a reduction tree), so merging
 * many per-file maps does not become one long sequential loop.
 *
 * <p>{@code reduce} must be associative; it may mutate and return its first argument (the
 * classic "merge counts into the left map"), because each partial result is reduced exactly
 * once. The result does not depend on the thread timing: partials are combined in input order.
 *
 * <pre>{@code
 * Map<String, Long> counts = MapReduce.mapReduce(documents, executor,
 *         doc -> countWords(doc),
 *         (a, b) -> { b.forEach((w, n) -> a.merge(w, n, Long::sum)); return a; },
 *         Map.of());
 * }</pre>
 */
public final class MapReduce {

    private MapReduce() {}

    /**
     * Maps and reduces on the calling thread (for small inputs and tests).
     *
     * @param empty the result for no input
     */
    public static <I, R> R mapReduce(List<I> data, Function<? super I, ? extends R> map,
            BinaryOperator<R> reduce, R empty) {
        R acc = null;
        for (I item : data) {
            R r = map.apply(item);
            acc = acc == null ? r : reduce.apply(acc, r);
        }
        return acc == null ? empty : acc;
    }

    /**
     * Maps on {@code executor} (one task per item) and reduces pairwise in parallel as a tree,
     * keeping input order between neighbours.
     *
     * @param empty the result for no input
     */
    public static <I, R> R mapReduce(List<I> data, Executor executor, Function<? super I, ? extends R> map,
            BinaryOperator<R> reduce, R empty) {
        Objects.requireNonNull(executor);
        if (data.isEmpty()) {
            return empty;
        }
        List<CompletableFuture<R>> level = new ArrayList<>(data.size());
        for (I item : data) {
            level.add(CompletableFuture.supplyAsync(() -> map.apply(item), executor));
        }
        return reduceAll(level, executor, reduce).join();
    }

    /** Reduces already computed partial results pairwise in parallel, in list order. */
    public static <R> R reduce(List<R> partials, Executor executor, BinaryOperator<R> reduce, R empty) {
        if (partials.isEmpty()) {
            return empty;
        }
        List<CompletableFuture<R>> level = new ArrayList<>(partials.size());
        for (R r : partials) {
            level.add(CompletableFuture.completedFuture(r));
        }
        return reduceAll(level, executor, reduce).join();
    }

    private static <R> CompletableFuture<R> reduceAll(List<CompletableFuture<R>> level, Executor executor,
            BinaryOperator<R> reduce) {
        while (level.size() > 1) {
            List<CompletableFuture<R>> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(level.get(i).thenCombineAsync(level.get(i + 1), reduce, executor));
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return level.getFirst();
    }
}
