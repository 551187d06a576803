package dev.whitemagic.engine.metrics;

import dev.whitemagic.engine.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples the machine on its own thread, at a fixed interval, into a ring buffer. Reading is
 * free: {@link #latest()} returns the newest sample at once (the seed's
 * {@code SystemMetrics.current()} blocked for 100 ms on every call).
 *
 * <pre>{@code
 * MetricsSampler sampler = engine.metrics();
 * sampler.latest().ifPresent(m -> System.out.println(m.cpuPercent()));
 * List<SystemMetrics> lastMinute = sampler.history();
 * try (Subscription s = sampler.subscribe(m -> update(m))) { ... }
 * }</pre>
 */
public final class MetricsSampler implements AutoCloseable {

    /** The default sampling interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** The default number of samples kept: five minutes at one a second. */
    public static final int DEFAULT_CAPACITY = 300;

    private final Duration interval;
    private final SystemMetrics[] ring;
    private final List<Consumer<? super SystemMetrics>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstSample = new CountDownLatch(1);
    private final ScheduledExecutorService thread;
    private int next;
    private int size;
    private volatile SystemMetrics latest;
    private volatile String failure;

    /**
     * Starts sampling every {@code interval}, keeping the last {@code capacity} samples. The first
     * sample is ready after a quarter of the interval (CPU use needs two readings).
     */
    public MetricsSampler(Duration interval, int capacity) {
        if (interval.toMillis() < 50) {
            throw new IllegalArgumentException("sampling interval must be at least 50 ms, got " + interval);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.interval = interval;
        this.ring = new SystemMetrics[capacity];
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "whitemagic-metrics");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::begin);
    }

    private OshiProbe probe;

    private void begin() {
        try {
            probe = new OshiProbe();
        } catch (RuntimeException | LinkageError e) {
            failure = "system metrics are unavailable: " + e;
            firstSample.countDown();
            return;
        }
        long period = interval.toMillis();
        thread.scheduleAtFixedRate(this::sampleOnce, Math.max(50, period / 4), period, TimeUnit.MILLISECONDS);
    }

    private void sampleOnce() {
        SystemMetrics sample;
        try {
            sample = probe.sample();
        } catch (RuntimeException e) {
            failure = "sampling failed: " + e;
            return;
        }
        synchronized (ring) {
            ring[next] = sample;
            next = (next + 1) % ring.length;
            size = Math.min(size + 1, ring.length);
        }
        latest = sample;
        firstSample.countDown();
        for (Consumer<? super SystemMetrics> listener : listeners) {
            try {
                listener.accept(sample);
            } catch (RuntimeException e) {
                // One failing listener must not stop the sampler or the others.
            }
        }
    }

    /** The newest sample, at once; empty until the first sample is taken. */
    public Optional<SystemMetrics> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * Waits up to {@code timeout} for the first sample.
     *
     * @return the newest sample, or empty if none came in time or sampling is unavailable
     */
    public Optional<SystemMetrics> awaitFirst(Duration timeout) throws InterruptedException {
        firstSample.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return latest();
    }

    /** The samples kept, oldest first. */
    public List<SystemMetrics> history() {
        synchronized (ring) {
            List<SystemMetrics> out = new ArrayList<>(size);
            int start = (next - size + ring.length) % ring.length;
            for (int i = 0; i < size; i++) {
                out.add(ring[(start + i) % ring.length]);
            }
            return out;
        }
    }

    /** The sampling interval. */
    public Duration interval() {
        return interval;
    }

    /** The number of samples kept at most. */
    public int capacity() {
        return ring.length;
    }

    /** Why sampling does not work on this machine, if it does not. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Calls {@code listener} with every new sample, on the sampler's thread; the listener must
     * return quickly. Close the handle to stop.
     */
    public Subscription subscribe(Consumer<? super SystemMetrics> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stops sampling. The samples taken stay readable. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
