package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.engine.Subscription;
import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.scheduler.ParallelScheduler;
import dev.whitemagic.engine.scheduler.SchedulerStats;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Scheduler pane's state and the one place it talks to the engine's job queue. The view
 * drives it with two timers: {@link #drain()} a few times a second (events into rows) and
 * {@link #sample()} once a second (charts, totals, limit). Every engine call runs through
 * {@link OffThread}, off the FX thread. Needs no toolkit: tests pass {@link OffThread#INLINE}.
 */
public final class SchedulerViewModel {

    /** How much history the charts keep, in seconds. */
    public static final int HISTORY_SECONDS = 300;

    private record Totals(SchedulerStats stats, boolean paused) {}

    /** One point of the charts. */
    public record Sample(Instant time, double finishedPerSecond, long pending, long running) {}

    private final ParallelScheduler scheduler;
    private final AdaptiveThreadingController adaptive;
    private final OffThread async;
    private final JobTableModel jobs = new JobTableModel();
    private final ArrayDeque<Sample> history = new ArrayDeque<>();
    private final StringProperty totals = new SimpleStringProperty("No jobs yet.");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final BooleanProperty autoLimit = new SimpleBooleanProperty(true);
    private final IntegerProperty limit = new SimpleIntegerProperty(1);
    private Subscription events;
    private Subscription decisions;
    private boolean statsInFlight;
    /** True after a manual limit was undone: the engine's own tracking is gone, so the pane follows. */
    private volatile boolean follow;
    private long lastFinished;
    private long lastSampleNanos;

    public SchedulerViewModel(ParallelScheduler scheduler, AdaptiveThreadingController adaptive, OffThread async) {
        this(scheduler, adaptive, async, scheduler::clear);
    }

    /**
     * @param clearFinished clears the ended jobs and returns how many; the workbench's clears them
     *                      from the job history too ({@code engine::clearFinishedJobs})
     */
    public SchedulerViewModel(ParallelScheduler scheduler, AdaptiveThreadingController adaptive, OffThread async,
            IntSupplier clearFinished) {
        this.scheduler = scheduler;
        this.adaptive = adaptive;
        this.async = async;
        this.clearFinished = clearFinished;
        limit.set(scheduler.maxConcurrent());
    }

    private final IntSupplier clearFinished;

    /** Starts listening to the engine and loads the jobs it has; call when the pane shows. */
    public void connect() {
        if (events == null) {
            jobs.discardQueued();
            events = scheduler.subscribe(jobs::offer);
            resync();
        }
    }

    /** Stops listening (the pane is hidden); {@link #connect()} catches up with a snapshot. */
    public void disconnect() {
        if (events != null) {
            events.close();
            events = null;
            jobs.discardQueued();
        }
    }

    /** Reloads the engine's list of jobs, keeping whatever events said since. */
    public void resync() {
        jobs.beginSync();
        async.run(scheduler::getTasks, jobs::applySnapshot, e -> {
            jobs.applySnapshot(List.of());
            message.set("Could not read the job list: " + e.getMessage());
        });
    }

    /** Applies the queued events to the rows; FX thread, a few times a second. */
    public int drain() {
        return jobs.drain();
    }

    /** Once a second: a chart point, live durations, the limit, and fresh totals. */
    public void sample() {
        long now = System.nanoTime();
        double seconds = lastSampleNanos == 0 ? 1 : Math.max(0.001, (now - lastSampleNanos) / 1e9);
        lastSampleNanos = now;
        long finished = jobs.finishedSeen();
        double rate = (finished - lastFinished) / seconds;
        lastFinished = finished;
        Instant t = Instant.now();
        history.addLast(new Sample(t, rate, jobs.count(TaskStatus.PENDING), jobs.count(TaskStatus.RUNNING)));
        while (history.size() > HISTORY_SECONDS) {
            history.removeFirst();
        }
        jobs.tickRunning(t);
        limit.set(scheduler.maxConcurrent());
        // stats() copies every job under the scheduler's lock, and isPaused() takes it too: both
        // off the FX thread, which must never wait for a lock the job threads contend for.
        if (!statsInFlight) {
            statsInFlight = true;
            async.run(() -> {
                followTier();
                return new Totals(scheduler.stats(), scheduler.isPaused());
            }, s -> {
                statsInFlight = false;
                paused.set(s.paused());
                totals.set(describe(s.stats(), jobs.count(TaskStatus.PENDING) + jobs.count(TaskStatus.RUNNING) > 0 ? rate : 0));
            }, e -> statsInFlight = false);
        }
    }

    /** "12 pending · 4 running · 30 completed · … · wait p50 12 ms, p99 1.2 s · run …". */
    static String describe(SchedulerStats s, double liveRate) {
        if (s.total() == 0) {
            return "No jobs yet.";
        }
        return String.format(Locale.ROOT,
                "%,d pending · %,d running · %,d completed · %,d failed · %,d cancelled · %s ok · %.1f jobs/s "
                        + "(now %.1f) · wait p50 %s, p99 %s · run p50 %s, p99 %s",
                s.pending(), s.running(), s.completed(), s.failed(), s.cancelled(),
                s.finished() == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", s.successRate() * 100),
                s.throughput(), liveRate, SchedulerFormat.duration(s.queueWaitP50()),
                SchedulerFormat.duration(s.queueWaitP99()), SchedulerFormat.duration(s.runTimeP50()),
                SchedulerFormat.duration(s.runTimeP99()));
    }

    // ---- actions ------------------------------------------------------------------------

    /** Cancels the jobs among {@code rows} that have not ended. */
    public void cancel(List<JobRow> rows) {
        List<Long> ids = rows.stream().filter(r -> !r.status().isFinal()).map(JobRow::id).toList();
        if (ids.isEmpty()) {
            message.set(rows.isEmpty() ? "Select a job to cancel." : "Nothing to cancel: the selected jobs have ended.");
            return;
        }
        async.run(() -> ids.stream().filter(scheduler::cancelTask).count(),
                n -> message.set("Cancelled " + Format.count(n, "job") + "."), this::failed);
    }

    /** Runs the ended jobs among {@code rows} again, as new jobs. */
    public void rerun(List<JobRow> rows) {
        List<Long> ids = rows.stream().filter(r -> r.status().isFinal() && r.info().rerunnable()).map(JobRow::id).toList();
        if (ids.isEmpty()) {
            boolean ended = rows.stream().anyMatch(r -> r.status().isFinal());
            message.set(rows.isEmpty() ? "Select an ended job to run again."
                    : ended ? "The selected job cannot run again: its work was not kept when the workbench restarted."
                    : "Only ended jobs can run again.");
            return;
        }
        async.run(() -> {
            int started = 0;
            String problem = null;
            for (long id : ids) {
                try {
                    scheduler.rerun(id);
                    started++;
                } catch (IllegalStateException | IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            return "Started " + Format.count(started, "job") + " again." + (problem == null ? "" : " Not all: " + problem + ".");
        }, message::set, this::failed);
    }

    /** Gives the pending jobs among {@code rows} priority {@code p}. */
    public void changePriority(List<JobRow> rows, TaskPriority p) {
        List<Long> ids = rows.stream().filter(r -> r.status() == TaskStatus.PENDING).map(JobRow::id).toList();
        if (ids.isEmpty()) {
            message.set("Only pending jobs can change priority.");
            return;
        }
        // changePriority publishes no event: read the changed jobs back.
        async.run(() -> ids.stream().filter(id -> scheduler.changePriority(id, p))
                .flatMap(id -> scheduler.getTask(id).stream()).toList(), changed -> {
                    jobs.refresh(changed, "priority changed to " + p.name().toLowerCase(Locale.ROOT));
                    message.set(changed.isEmpty() ? "Those jobs have started meanwhile; priority unchanged."
                            : Format.count(changed.size(), "job") + " now " + p.name() + ".");
                }, this::failed);
    }

    /** Pauses the queue, or resumes it. */
    public void togglePause() {
        boolean pause = !paused.get();
        async.run(() -> {
            if (pause) {
                scheduler.pause();
            } else {
                scheduler.resume();
            }
            return scheduler.isPaused();
        }, now -> {
            paused.set(now);
            message.set(now ? "Queue paused: running jobs go on, no new ones start." : "Queue resumed.");
        }, this::failed);
    }

    /** Removes the ended jobs from the engine and from the table. */
    public void clearFinished() {
        async.run(clearFinished::getAsInt, n -> {
            message.set(n == 0 ? "No ended jobs to clear." : "Cleared " + Format.count(n, "ended job") + ".");
            resync();
        }, this::failed);
    }

    /** A fixed concurrency limit. */
    public void setManualLimit(int n) {
        autoLimit.set(false);
        follow = false;
        if (decisions != null) {
            decisions.close();
            decisions = null;
        }
        async.run(() -> {
            scheduler.setMaxConcurrent(n);
            return scheduler.maxConcurrent();
        }, limit::set, this::failed);
    }

    /**
     * Back to the adaptive tier's limit. The engine only offers a fixed limit once one was set, so
     * after a manual limit the pane follows the tier itself: at every decision and every sample.
     */
    public void setAutoLimit() {
        autoLimit.set(true);
        if (adaptive == null) {
            return;
        }
        follow = true;
        if (decisions == null) {
            decisions = adaptive.onDecision(d -> followTier());
        }
        async.run(() -> {
            followTier();
            return scheduler.maxConcurrent();
        }, limit::set, this::failed);
    }

    /** Any thread: sets the tier's limit when following it by hand and it has changed. */
    private void followTier() {
        if (!follow) {
            return;
        }
        int tier = adaptive.getPoolConfig().ioWorkers();
        if (scheduler.maxConcurrent() != tier) {
            scheduler.setMaxConcurrent(tier);
        }
    }

    /** The adaptive tier's limit now, for the view's label. */
    public String tierLimit() {
        return adaptive == null ? "" : adaptive.currentTier().name() + " · " + adaptive.getPoolConfig().ioWorkers();
    }

    private void failed(Exception e) {
        message.set("The scheduler refused: " + e.getMessage());
    }

    /** Chart points, oldest first. */
    public List<Sample> history() {
        return List.copyOf(history);
    }

    public JobTableModel jobs() {
        return jobs;
    }

    public ParallelScheduler scheduler() {
        return scheduler;
    }

    public OffThread async() {
        return async;
    }

    public StringProperty totalsProperty() {
        return totals;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public BooleanProperty autoLimitProperty() {
        return autoLimit;
    }

    public IntegerProperty limitProperty() {
        return limit;
    }

    /** How long ago {@code sample} was taken relative to {@code now}, in seconds. */
    static double ago(Sample sample, Instant now) {
        return Duration.between(sample.time(), now).toMillis() / 1000.0;
    }
}
