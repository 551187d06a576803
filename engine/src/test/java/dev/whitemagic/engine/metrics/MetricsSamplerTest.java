package dev.whitemagic.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Runs against the live machine: the figures vary, the invariants do not. */
class MetricsSamplerTest {

    @Test
    void latest_onLiveSystem_keepsInvariants() throws Exception {
        try (MetricsSampler sampler = new MetricsSampler(Duration.ofMillis(100), 10)) {
            SystemMetrics m = sampler.awaitFirst(Duration.ofSeconds(10)).orElseThrow(
                    () -> new AssertionError("no sample: " + sampler.failure().orElse("?")));
            assertThat(m.cpuPercent()).isBetween(0.0, 100.0);
            assertThat(m.corePercent()).hasSize(Runtime.getRuntime().availableProcessors())
                    .allSatisfy(c -> assertThat(c).isBetween(0.0, 100.0));
            assertThat(m.memoryTotal()).isPositive();
            assertThat(m.memoryUsed()).isBetween(0L, m.memoryTotal());
            assertThat(m.memoryPercent()).isBetween(0.0, 100.0);
            assertThat(m.swapUsed()).isBetween(0L, Math.max(0, m.swapTotal()));
            assertThat(m.loadAverage()).hasSize(3);
            assertThat(m.diskReadPerSec()).isGreaterThanOrEqualTo(0);
            assertThat(m.diskWritePerSec()).isGreaterThanOrEqualTo(0);
            assertThat(m.netReceivedPerSec()).isGreaterThanOrEqualTo(0);
            assertThat(m.netSentPerSec()).isGreaterThanOrEqualTo(0);
            assertThat(m.heapUsed()).isPositive();
            assertThat(m.heapMax()).isGreaterThanOrEqualTo(m.heapUsed());
            assertThat(m.jvmThreads()).isPositive();
            assertThat(m.load().cpuPercent()).isEqualTo(m.cpuPercent());
        }
    }

    @Test
    void history_isBoundedByCapacity_oldestFirst() throws Exception {
        try (MetricsSampler sampler = new MetricsSampler(Duration.ofMillis(50), 3)) {
            LinkedBlockingQueue<SystemMetrics> seen = new LinkedBlockingQueue<>();
            try (Subscription s = sampler.subscribe(seen::add)) {
                for (int i = 0; i < 5; i++) {
                    assertThat(seen.poll(10, TimeUnit.SECONDS)).as("sample %d", i).isNotNull();
                }
            }
            List<SystemMetrics> history = sampler.history();
            assertThat(history).hasSize(3);
            assertThat(history.get(0).time()).isBefore(history.get(2).time());
            assertThat(history.getLast()).isEqualTo(sampler.latest().orElseThrow());
        }
    }

    @Test
    void latest_returnsAtOnce_withoutWaitingForASample() {
        try (MetricsSampler sampler = new MetricsSampler(Duration.ofSeconds(30), 3)) {
            long start = System.nanoTime();
            sampler.latest();
            sampler.history();
            // Not a timing assertion on speed: it proves the read does not wait out the 30 s interval.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void close_stopsSampling() throws Exception {
        MetricsSampler sampler = new MetricsSampler(Duration.ofMillis(50), 100);
        sampler.awaitFirst(Duration.ofSeconds(10));
        sampler.close();
        Thread.sleep(100);
        int size = sampler.history().size();
        Thread.sleep(300);
        assertThat(sampler.history()).hasSize(size);
    }

    @Test
    void failingListener_doesNotStopTheSampler() throws Exception {
        try (MetricsSampler sampler = new MetricsSampler(Duration.ofMillis(50), 10)) {
            sampler.subscribe(m -> {
                throw new IllegalStateException("boom");
            });
            LinkedBlockingQueue<SystemMetrics> seen = new LinkedBlockingQueue<>();
            sampler.subscribe(seen::add);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void constructor_refusesSillySettings() {
        assertThatThrownBy(() -> new MetricsSampler(Duration.ofMillis(1), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50 ms");
        assertThatThrownBy(() -> new MetricsSampler(Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }

    /** Before: the first sample came within OSHI's 300 ms cache of the first reading, so it always said 0 %. */
    @Test
    void firstSample_underFullLoad_isNotZero() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            burners.add(Thread.ofPlatform().daemon().start(() -> {
                long x = 0;
                while (!stop.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }));
        }
        try (MetricsSampler sampler = new MetricsSampler(Duration.ofSeconds(1), 10)) {
            SystemMetrics first = sampler.awaitFirst(Duration.ofSeconds(10)).orElseThrow();
            assertThat(first.cpuPercent()).as("every core is busy").isGreaterThan(40.0);
        } finally {
            stop.set(true);
            for (Thread t : burners) {
                t.join();
            }
        }
    }

    /** The seed's SystemMetrics.current() had no counterpart. */
    @Test
    void current_oneSnapshotNow_keepsInvariants() {
        SystemMetrics m = SystemMetrics.current();
        assertThat(m.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.cpuPercent()).isBetween(0.0, 100.0);
        assertThat(m.memoryTotal()).isPositive();
        assertThat(m.memoryUsed()).isBetween(1L, m.memoryTotal());
    }
}
