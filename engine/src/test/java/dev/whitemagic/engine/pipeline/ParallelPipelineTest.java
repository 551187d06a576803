package dev.whitemagic.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ParallelPipelineTest {
    private static final long WAIT_S = 20;

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static PipelineResult await(PipelineRun run) throws Exception {
        return run.result().get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void seedExample_doubleThenPlusOne() {
        PipelineResult r = ParallelPipeline.create()
                .addStage("double", (Integer x) -> x * 2, 4)
                .addStage("plus one", (Integer x) -> x + 1, 4)
                .keepOrder(true)
                .execute(List.of(1, 2, 3));

        assertThat(r.success()).isTrue();
        assertThat(r.error()).isNull();
        assertThat(r.finalResults()).containsExactly(3, 5, 7);
        assertThat(r.stages()).extracting(StageResult::name, StageResult::input, StageResult::output, StageResult::errors)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("double", 3L, 3L, 0L),
                        org.assertj.core.groups.Tuple.tuple("plus one", 3L, 3L, 0L));
        assertThat(r.stages()).allMatch(s -> s.successRate() == 1.0);
    }

    @Test
    void keepOrder_holdsWithManyWorkersAndFlatMaps() {
        PipelineResult r = ParallelPipeline.create()
                .addStage(StageSpec.of("split", (Integer x, Emitter<? super String> out) -> {
                    if (x % 7 == 0) {
                        Thread.sleep(1); // later items overtake this one
                    }
                    out.emit(x + "a");
                    out.emit(x + "b");
                }).workers(8).build())
                .addStage("upper", (String s) -> s.toUpperCase(), 8)
                .keepOrder(true)
                .execute(range(300));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add(i + "A");
            expected.add(i + "B");
        }
        assertThat(r.finalResults()).containsExactlyElementsOf(expected);
    }

    @Test
    void stagesRunAtTheSameTime_theLastStartsBeforeTheFirstEnds() throws Exception {
        CountDownLatch lastStarted = new CountDownLatch(1);
        PipelineResult r = ParallelPipeline.create()
                .addStage("first", (Integer x) -> {
                    if (x == 50) {
                        // Stage after stage would never get here: the last stage has not started.
                        if (!lastStarted.await(WAIT_S, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the last stage did not start while the first ran");
                        }
                    }
                    return x;
                }, 1)
                .addStage("last", (Integer x) -> {
                    lastStarted.countDown();
                    return x;
                }, 1)
                .execute(range(100));

        assertThat(r.errors()).isEmpty();
        assertThat(r.finalResults()).hasSize(100);
    }

    @Test
    void backpressure_aSlowLastStageBoundsWhatIsInFlight() {
        AtomicLong produced = new AtomicLong();
        AtomicLong consumed = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        int capacity = 4;
        PipelineResult r = ParallelPipeline.create()
                .addStage("fast", (Integer x) -> {
                    maxInFlight.accumulateAndGet(produced.incrementAndGet() - consumed.get(), Math::max);
                    return x;
                }, 1)
                .addStage("slow", (Integer x) -> {
                    consumed.incrementAndGet();
                    Thread.sleep(1);
                    return x;
                }, 1)
                .queueCapacity(capacity)
                .execute(range(300));

        assertThat(r.finalResults()).hasSize(300);
        // At most: the slow stage's queue (capacity + room for its end marker), the batch its worker
        // took from it (never more than was queued), the one being handed over.
        assertThat(maxInFlight.get()).as("most items between the stages").isLessThanOrEqualTo(2 * (capacity + 1) + 2);
    }

    @Test
    void skip_recordsEachFailedItemWithItsStage_andTheRestGoesOn() {
        PipelineResult r = ParallelPipeline.create()
                .addStage("parse", (String s) -> Integer.parseInt(s), 2)
                .addStage("square", (Integer x) -> x * x, 2)
                .execute(List.of("1", "x", "3", "", "5"));

        assertThat(r.success()).isTrue();
        assertThat(r.finalResults()).containsExactlyInAnyOrder(1, 9, 25);
        assertThat(r.errors()).extracting(ItemError::stage, ItemError::item)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("parse", "x"),
                        org.assertj.core.groups.Tuple.tuple("parse", ""));
        assertThat(r.errors()).allMatch(e -> e.message().contains("For input string") && e.attempts() == 1);
        StageResult parse = r.stage("parse").orElseThrow();
        assertThat(parse.input()).isEqualTo(5);
        assertThat(parse.errors()).isEqualTo(2);
        assertThat(parse.successRate()).isEqualTo(0.6);
    }

    @Test
    void retry_triesAgain_andEmitsOnlyTheSuccessfulAttempt() {
        Map<Integer, AtomicInteger> tries = new ConcurrentHashMap<>();
        PipelineResult r = ParallelPipeline.create()
                .addStage(StageSpec.of("flaky", (Integer x, Emitter<? super Integer> out) -> {
                    int attempt = tries.computeIfAbsent(x, k -> new AtomicInteger()).incrementAndGet();
                    out.emit(x * 10 + attempt); // emitted before failing: must not leak
                    if (x != 3 && attempt < 3) {
                        throw new IllegalStateException("attempt " + attempt + " failed");
                    }
                    if (x == 3) {
                        throw new IllegalStateException("always fails");
                    }
                }).workers(2).onError(ErrorPolicy.retry(2)).build())
                .execute(List.of(1, 2, 3));

        assertThat(r.finalResults()).containsExactlyInAnyOrder(13, 23);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.item()).isEqualTo("3");
            assertThat(e.message()).isEqualTo("always fails");
            assertThat(e.attempts()).isEqualTo(3);
        });
    }

    @Test
    void failRun_stopsTheRun_andSaysWhereAndWhy() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        PipelineRun run = ParallelPipeline.create()
                .addStage(StageSpec.of("check", StageFunction.map((Integer x) -> {
                    seen.incrementAndGet();
                    if (x == 5) {
                        throw new IllegalArgumentException("bad record");
                    }
                    Thread.sleep(2);
                    return x;
                })).workers(1).onError(ErrorPolicy.failRun()).build())
                .start(range(10_000));

        PipelineResult r = await(run);

        assertThat(r.success()).isFalse();
        assertThat(r.error()).isEqualTo("stage 'check' failed on 5: bad record");
        assertThat(seen.get()).isLessThan(10_000);
    }

    @Test
    void timeout_failsTheSlowItemOnly() throws Exception {
        PipelineRun run = ParallelPipeline.create()
                .addStage("maybe slow", (Integer x) -> {
                    if (x == 2) {
                        Thread.sleep(60_000);
                    }
                    return x;
                }, 2, Duration.ofMillis(100))
                .start(List.of(1, 2, 3, 4));

        PipelineResult r = await(run);

        assertThat(r.success()).isTrue();
        assertThat(r.finalResults()).containsExactlyInAnyOrder(1, 3, 4);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.item()).isEqualTo("2");
            assertThat(e.message()).isEqualTo("timed out after 100 ms");
        });
    }

    @Test
    void timeout_thatFiresAfterTheItemIsDone_doesNotHurtTheNextItem() {
        // Items just under the timeout: a late alarm must never interrupt the next take().
        PipelineResult r = ParallelPipeline.create()
                .addStage("near the limit", (Integer x) -> {
                    Thread.sleep(x % 2 == 0 ? 0 : 4);
                    return x;
                }, 1, Duration.ofMillis(5))
                .execute(range(200));

        assertThat(r.finalResults().size() + r.errors().size()).isEqualTo(200);
        assertThat(r.stage("near the limit").orElseThrow().input()).isEqualTo(200);
    }

    @Test
    void cancel_stopsBlockedWorkers_andKeepsWhatFinished() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        PipelineRun run = ParallelPipeline.create()
                .addStage("pass", (Integer x) -> x, 1)
                .addStage("stuck", (Integer x) -> {
                    if (x == 3) {
                        blocked.countDown();
                        new CountDownLatch(1).await();
                    }
                    return x;
                }, 1)
                .start(range(10));
        assertThat(blocked.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

        run.cancel();
        PipelineResult r = await(run);

        assertThat(r.success()).isFalse();
        assertThat(r.error()).isEqualTo("cancelled");
        assertThat(r.finalResults()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void fanOutAndFanIn_everyBranchGetsEveryItem() {
        ParallelPipeline p = ParallelPipeline.create()
                .stage(StageSpec.of("source", StageFunction.map((String s) -> s)).build())
                .stage(StageSpec.of("upper", StageFunction.map((String s) -> s.toUpperCase())).workers(2).build())
                .stage(StageSpec.of("length", StageFunction.map((String s) -> s + "=" + s.length())).workers(2).build())
                .stage(StageSpec.of("join", StageFunction.map((String s) -> "<" + s + ">")).build())
                .connect("source", "upper").connect("source", "length")
                .connect("upper", "join").connect("length", "join");

        PipelineResult r = p.execute(List.of("ab", "cde"));

        assertThat(r.finalResults()).containsExactlyInAnyOrder("<AB>", "<CDE>", "<ab=2>", "<cde=3>");
        assertThat(r.stage("join").orElseThrow().input()).isEqualTo(4);
    }

    @Test
    void aStageThatEmitsNothing_endsTheRunEarly() {
        AtomicInteger later = new AtomicInteger();
        PipelineResult r = ParallelPipeline.create()
                .addStage(StageSpec.of("none pass", StageFunction.filter((Integer x) -> x > 100)).build())
                .addStage("later", (Integer x) -> later.incrementAndGet(), 1)
                .execute(range(50));

        assertThat(r.success()).isTrue();
        assertThat(r.finalResults()).isEmpty();
        assertThat(r.stage("later").orElseThrow().input()).isZero();
        assertThat(later).hasValue(0);
    }

    @Test
    void aggregate_emitsOnceAfterEveryInput() {
        PipelineResult r = ParallelPipeline.create()
                .addStage(StageSpec.of("words", StageFunction.flatMap((String line) -> List.of(line.split(" ")))).workers(4).build())
                .addStage(StageSpec.of("count", StageFunction.aggregate(HashMap<String, Integer>::new,
                        (Map<String, Integer> m, String w) -> m.merge(w, 1, Integer::sum), m -> m)).workers(4).build())
                .execute(List.of("a b a", "b c", "a"));

        assertThat(r.finalResults()).containsExactly(Map.of("a", 3, "b", 2, "c", 1));
    }

    @Test
    void aggregate_perWorker_mergesEveryWorkersPart() {
        PipelineResult r = ParallelPipeline.create()
                .addStage(StageSpec.of("sum", StageFunction.aggregate(() -> new long[1], (long[] acc, Integer x) -> acc[0] += x,
                        (a, b) -> a[0] += b[0], acc -> acc[0])).workers(4).build())
                .queueCapacity(8)
                .execute(range(10_001));

        assertThat(r.finalResults()).containsExactly(50_005_000L);
    }

    @Test
    void mapReduce_countsWords_asTheSeed() {
        List<String> docs = List.of("the cat", "the dog", "a cat");
        Map<String, Integer> counts = ParallelPipeline.mapReduce(docs, d -> {
            Map<String, Integer> m = new HashMap<>();
            for (String w : d.split(" ")) {
                m.merge(w, 1, Integer::sum);
            }
            return m;
        }, (a, b) -> {
            Map<String, Integer> m = new HashMap<>(a);
            b.forEach((k, v) -> m.merge(k, v, Integer::sum));
            return m;
        });

        assertThat(counts).isEqualTo(Map.of("the", 2, "cat", 2, "dog", 1, "a", 1));
        assertThat(ParallelPipeline.mapReduce(List.<String>of(), String::length, Integer::sum)).isNull();
    }

    /** Before: on the common fork/join pool (cores - 1 workers) a 2-core machine ran the items one after another. */
    @Test
    void mapReduce_runsItemsAtOnce_oneWorkerPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(cores);
        Integer sum = ParallelPipeline.mapReduce(Collections.nCopies(cores, 1), x -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            all.countDown();
            try {
                all.await(10, TimeUnit.SECONDS); // every item waits until all of them run at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return x;
        }, Integer::sum);
        assertThat(sum).isEqualTo(cores);
        assertThat(most.get()).isEqualTo(cores);
    }

    @Test
    void invalidGraphs_areRefusedWithTheReason() {
        ParallelPipeline p = ParallelPipeline.create()
                .stage(StageSpec.of("a", StageFunction.map(x -> x)).build())
                .stage(StageSpec.of("b", StageFunction.map(x -> x)).build())
                .connect("a", "b").connect("b", "a");
        assertThatThrownBy(() -> p.start(List.of(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the stages form a cycle: a → b → a");
        assertThatThrownBy(() -> p.connect("a", "zz")).hasMessage("no stage named 'zz'");
        assertThatThrownBy(() -> p.stage(StageSpec.of("a", StageFunction.map(x -> x)).build()))
                .hasMessage("there is already a stage named 'a'");
        assertThatThrownBy(() -> ParallelPipeline.create().start(List.of())).hasMessage("the pipeline has no stages");
        assertThatThrownBy(() -> StageSpec.of("w", StageFunction.map(x -> x)).workers(0).build())
                .hasMessage("stage 'w' needs at least 1 worker, got 0");
    }

    @Test
    void snapshots_arePublishedWhileRunning_andOnceAtTheEnd_withTheBottleneck() throws Exception {
        List<PipelineSnapshot> seen = new CopyOnWriteArrayList<>();
        PipelineRun run = ParallelPipeline.create()
                .addStage("quick", (Integer x) -> x, 2)
                .addStage("slow", (Integer x) -> {
                    Thread.sleep(5);
                    return x;
                }, 1)
                .queueCapacity(8)
                .snapshotInterval(Duration.ofMillis(20))
                .start(range(100));
        run.subscribe(seen::add);

        PipelineResult r = await(run);

        assertThat(r.finalResults()).hasSize(100);
        assertThat(seen).isNotEmpty();
        assertThat(seen.getLast().finished()).isTrue();
        assertThat(seen.getLast().stages()).extracting(StageStats::input).containsExactly(100L, 100L);
        List<PipelineSnapshot> live = seen.stream().filter(s -> !s.finished()).toList();
        assertThat(live).isNotEmpty();
        assertThat(live).anySatisfy(s -> assertThat(s.bottleneck()).hasValueSatisfying(b -> {
            assertThat(b.name()).isEqualTo("slow");
            assertThat(b.queued()).isGreaterThan(0);
        }));
        assertThat(live).anySatisfy(s -> assertThat(s.stages().get(1).latencyP50Millis()).isGreaterThanOrEqualTo(4.0));
    }
}
