package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MapReduceTest {

    @Test
    void mapReduce_parallel_keepsInputOrderBetweenNeighbours() {
        List<Integer> data = IntStream.range(0, 101).boxed().toList();
        String joined = MapReduce.mapReduce(data, ForkJoinPool.commonPool(), String::valueOf, (a, b) -> a + "," + b, "");
        assertThat(joined).isEqualTo(String.join(",", data.stream().map(String::valueOf).toList()));
    }

    @Test
    void mapReduce_empty_givesTheEmptyValue() {
        assertThat(MapReduce.mapReduce(List.<Integer>of(), ForkJoinPool.commonPool(), i -> i, Integer::sum, 0)).isZero();
        assertThat(MapReduce.mapReduce(List.of(1, 2, 3), i -> i * i, Integer::sum, 0)).isEqualTo(14);
        assertThat(MapReduce.reduce(List.of(1, 2, 3), Runnable::run, Integer::sum, 0)).isEqualTo(6);
    }
}
