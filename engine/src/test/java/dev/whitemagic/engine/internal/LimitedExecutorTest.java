package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LimitedExecutorTest {

    @Test
    void execute_neverRunsMoreThanTheLimit() throws Exception {
        LimitedExecutor executor = new LimitedExecutor("test", () -> 4);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(500);
        for (int i = 0; i < 500; i++) {
            executor.execute(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(peak.get()).isBetween(1, 4);
        awaitIdle(executor);
    }

    @Test
    void execute_limitOne_runsInSubmissionOrder() throws Exception {
        LimitedExecutor executor = new LimitedExecutor("test", () -> 1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int n = i;
            executor.execute(() -> {
                order.add(n);
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(order).isSorted().hasSize(100);
    }

    @Test
    void raisingTheLimit_letsWaitingTasksStart() throws Exception {
        AtomicInteger limit = new AtomicInteger(1);
        LimitedExecutor executor = new LimitedExecutor("test", limit::get);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            executor.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(executor.running()).isEqualTo(1);
        assertThat(executor.waiting()).isEqualTo(2);
        limit.set(3);
        // The next submission (or finish) applies the new limit.
        CountDownLatch extra = new CountDownLatch(1);
        executor.execute(extra::countDown);
        assertThat(extra.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        awaitIdle(executor);
    }

    @Test
    void failingTask_doesNotLoseTheSlot() throws Exception {
        LimitedExecutor executor = new LimitedExecutor("test", () -> 1);
        executor.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        CountDownLatch after = new CountDownLatch(1);
        executor.execute(after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        awaitIdle(executor);
    }

    @Test
    void shutdown_refusesNewTasks() {
        LimitedExecutor executor = new LimitedExecutor("test", () -> 2);
        executor.shutdown();
        assertThatThrownBy(() -> executor.execute(() -> {})).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closed");
    }

    private static void awaitIdle(LimitedExecutor executor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (executor.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(executor.running()).isZero();
        assertThat(executor.waiting()).isZero();
    }
}
