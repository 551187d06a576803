package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenBatchRunTest {

    private static OpenBatchRun<String, String> run(java.util.function.Function<String, String> work) {
        return new OpenBatchRun<String, String>("test", work, (in, e) -> "error " + in, out -> 1, out -> false);
    }

    @Test
    void offer_afterClose_isDroppedAndDiscarded() throws Exception {
        Queue<String> discarded = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            OpenBatchRun<String, String> r = run(String::toUpperCase).onDiscard(discarded::add).start(pool, 2);
            assertThat(r.offer("a")).isTrue();
            r.close();
            assertThat(r.offer("late")).isFalse();
            assertThat(r.result().get(20, TimeUnit.SECONDS)).containsExactly("A");
        }
        assertThat(discarded).containsExactly("late");
    }

    /** One worker whose first input blocks until the run is cancelled; what ran and what was discarded. */
    private static final class Blocked {
        final Queue<String> ran = new ConcurrentLinkedQueue<>();
        final Queue<String> discarded = new ConcurrentLinkedQueue<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);

        OpenBatchRun<String, String> start(ExecutorService pool) {
            return run(in -> {
                ran.add(in);
                started.countDown();
                try {
                    never.await(); // interrupted by the cancel
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return in;
            }).onDiscard(discarded::add).start(pool, 1);
        }

        /** Cancels {@code r} once its first input runs, and waits for its end. */
        void cancelWhileRunning(OpenBatchRun<String, String> r) throws Exception {
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            r.cancel();
            r.result().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void cancel_discardsWhatWasStillWaiting_andNothingThatRan() throws Exception {
        Blocked b = new Blocked();
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            OpenBatchRun<String, String> r = b.start(pool);
            for (String s : List.of("first", "b", "c", "d")) {
                r.offer(s);
            }
            b.cancelWhileRunning(r);
            assertThat(r.offer("after")).isFalse();
        }
        assertThat(b.ran).containsExactly("first");
        assertThat(b.discarded).containsExactlyInAnyOrder("b", "c", "d", "after");
    }

    @Test
    void offerAll_runsTheGroupInOrder_andKeepsTheOfferedOrderInTheResult() throws Exception {
        Queue<String> ran = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            OpenBatchRun<String, String> r = run(in -> {
                ran.add(in);
                return in.toUpperCase();
            }).start(pool, 2);
            assertThat(r.offer("a")).isTrue();
            assertThat(r.offerAll(List.of("b", "c", "d"))).isTrue();
            assertThat(r.offerAll(List.of())).isTrue();
            r.close();
            assertThat(r.offerAll(List.of("late"))).isFalse();
            assertThat(r.result().get(20, TimeUnit.SECONDS)).containsExactly("A", "B", "C", "D");
            assertThat(r.progress().itemsTotal()).isEqualTo(4);
        }
        // one worker took the group: its inputs ran in their order
        List<String> group = ran.stream().filter(s -> !s.equals("a")).toList();
        assertThat(group).containsExactly("b", "c", "d");
    }

    @Test
    void cancel_duringAGroup_discardsTheRestOfIt_andTheGroupsStillWaiting() throws Exception {
        Blocked b = new Blocked();
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            OpenBatchRun<String, String> r = b.start(pool);
            r.offerAll(List.of("g1", "g2", "g3"));
            r.offerAll(List.of("h1", "h2"));
            b.cancelWhileRunning(r);
        }
        assertThat(b.ran).containsExactly("g1");
        assertThat(b.discarded).containsExactlyInAnyOrder("g2", "g3", "h1", "h2");
    }
}
