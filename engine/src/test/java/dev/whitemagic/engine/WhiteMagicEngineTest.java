package dev.whitemagic.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.engine.adaptive.ThreadingTier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhiteMagicEngineTest {

    @TempDir
    Path home;

    @Test
    void build_appliesTheSettings() {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).cpuThreads(3).cpuThreshold(70)
                .memoryThreshold(60).metricsInterval(Duration.ofMillis(200)).build()) {
            assertThat(engine.home()).isEqualTo(home);
            assertThat(engine.config().cpuThreads()).isEqualTo(3);
            assertThat(engine.adaptive().cpuThreshold()).isEqualTo(70);
            assertThat(engine.adaptive().memoryThreshold()).isEqualTo(60);
            assertThat(engine.metrics().interval()).isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void build_secondWhileOpen_isRefused_andAllowedAfterClose() {
        WhiteMagicEngine first = WhiteMagicEngine.builder().home(home).build();
        assertThatThrownBy(() -> WhiteMagicEngine.builder().home(home).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        first.close();
        first.close();
        assertThat(first.isClosed()).isTrue();
        try (WhiteMagicEngine second = WhiteMagicEngine.builder().home(home).build()) {
            assertThat(second.isClosed()).isFalse();
        }
    }

    @Test
    void ioExecutor_followsTheTier() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            engine.adaptive().setCurrentTier(ThreadingTier.TIER_0);
            assertThat(peakConcurrency(engine, 40)).isBetween(1, 8);
        }
    }

    @Test
    void ioExecutor_fixedLimit_overridesTheTier() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).ioLimit(2).build()) {
            assertThat(peakConcurrency(engine, 20)).isBetween(1, 2);
        }
    }

    @Test
    void cpuExecutor_hasOneThreadPerCore() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            int cores = Runtime.getRuntime().availableProcessors();
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(cores);
            for (int i = 0; i < cores + 2; i++) {
                engine.cpuExecutor().execute(() -> {
                    started.countDown();
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.activeTasks()).isEqualTo(cores);
            assertThat(engine.queuedTasks()).isEqualTo(2);
            assertThat(engine.threadCount()).isEqualTo(cores);
            hold.countDown();
        }
    }

    @Test
    void scheduler_runsJobs_andClosesWithTheEngine() throws Exception {
        WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build();
        var scheduler = engine.scheduler();
        assertThat(engine.scheduler()).isSameAs(scheduler);
        long id = scheduler.addTask(dev.whitemagic.engine.scheduler.TaskSpec.ofCallable("answer", () -> 42).build());
        var info = scheduler.completion(id).get(10, TimeUnit.SECONDS);
        assertThat(info.status()).isEqualTo(dev.whitemagic.engine.scheduler.TaskStatus.COMPLETED);
        assertThat(scheduler.getResults()).containsEntry(id, 42);
        engine.close();
        assertThatThrownBy(engine::scheduler).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_stopsExecutors() {
        WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build();
        engine.close();
        assertThat(engine.cpuExecutor().isShutdown()).isTrue();
        assertThatThrownBy(() -> engine.ioExecutor().execute(() -> {}))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void builder_refusesBadValues() {
        assertThatThrownBy(() -> WhiteMagicEngine.builder().cpuThreads(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> WhiteMagicEngine.builder().ioLimit(-1)).hasMessageContaining("-1");
    }

    private static int peakConcurrency(WhiteMagicEngine engine, int tasks) throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(tasks);
        for (int i = 0; i < tasks; i++) {
            engine.ioExecutor().execute(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        return peak.get();
    }
}
