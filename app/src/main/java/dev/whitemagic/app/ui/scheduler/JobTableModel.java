package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.engine.scheduler.JobEvent;
import dev.whitemagic.engine.scheduler.TaskInfo;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The jobs the pane knows, keyed by id, and the filtered list the table shows. Engine events land
 * in a concurrent queue from any thread ({@link #offer}); {@link #drain()} applies them on the FX
 * thread in one batch: each event costs a map look-up and a property write, new rows join the
 * list in one addition, and only rows whose state changed are re-checked against the filters.
 * The whole list is filtered again only when a filter changes. Needs no toolkit.
 */
public final class JobTableModel {

    /** At most this many events are applied per drain, so one tick never stalls the FX thread. */
    static final int DRAIN_LIMIT = 50_000;
    /** And a drain stops after about this long (about 1.5 µs an event here); the rest waits a tick. */
    static final long DRAIN_BUDGET_NANOS = 20_000_000;

    private final ConcurrentLinkedQueue<JobEvent> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Long, JobRow> byId = new HashMap<>();
    private final List<JobRow> all = new ArrayList<>();
    private final Set<JobRow> running = new LinkedHashSet<>();
    private final ObservableList<JobRow> visible = FXCollections.observableArrayList();
    private final ObservableList<String> kinds = FXCollections.observableArrayList();
    private final ObjectProperty<TaskStatus> stateFilter = new SimpleObjectProperty<>();
    private final StringProperty kindFilter = new SimpleStringProperty();
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final LongProperty revision = new SimpleLongProperty();
    private final long[] byStatus = new long[TaskStatus.values().length];
    private final long[] runningByPriority = new long[TaskPriority.values().length];
    private final long[] pendingByPriority = new long[TaskPriority.values().length];
    private long finishedSeen;
    private String text = "";
    private Set<Long> touched;
    private int syncs;

    public JobTableModel() {
        stateFilter.addListener((o, a, b) -> refilter());
        kindFilter.addListener((o, a, b) -> refilter());
        textFilter.addListener((o, a, b) -> refilter());
    }

    /** Queues an engine event; any thread, never blocks. */
    public void offer(JobEvent event) {
        inbox.add(event);
    }

    /** Applies the queued events; FX thread. Returns how many were applied. */
    public int drain() {
        Instant now = Instant.now();
        long deadline = System.nanoTime() + DRAIN_BUDGET_NANOS;
        Batch batch = new Batch();
        int n = 0;
        boolean late = false;
        JobEvent e;
        while (!late && n < DRAIN_LIMIT && (e = inbox.poll()) != null) {
            n++;
            late = (n & 1023) == 0 && System.nanoTime() > deadline;
            if (e instanceof JobEvent.Progressed p) {
                JobRow r = byId.get(p.taskId());
                if (r != null) {
                    r.progress(p.done(), p.total());
                }
                continue;
            }
            TaskInfo t = info(e);
            if (t == null) {
                continue;
            }
            if (touched != null) {
                touched.add(t.id());
            }
            JobRow r = apply(t, batch, true);
            r.observe(eventTime(e, t, now), describe(e));
        }
        finish(batch);
        return n;
    }

    /**
     * Drops the queued events. After a gap in listening they could be older than the snapshot the
     * resync brings, and applied after it they would turn a finished job back to running.
     */
    void discardQueued() {
        inbox.clear();
    }

    /** Starts a resync: events from now on win over the snapshot that {@link #applySnapshot} brings. */
    void beginSync() {
        if (syncs++ == 0) {
            touched = new HashSet<>();
        }
    }

    /**
     * Makes the rows match the engine's list: adds and updates the jobs not seen in events since
     * {@link #beginSync()}, and drops rows the engine no longer has (cleared).
     */
    void applySnapshot(List<TaskInfo> snapshot) {
        Set<Long> seen = new HashSet<>(snapshot.size() * 2);
        Set<Long> fresh = touched == null ? Set.of() : touched;
        Batch batch = new Batch();
        for (TaskInfo t : snapshot) {
            seen.add(t.id());
            if (!fresh.contains(t.id())) {
                apply(t, batch, false);
            }
        }
        List<JobRow> gone = new ArrayList<>();
        for (JobRow r : all) {
            if (!seen.contains(r.id()) && !fresh.contains(r.id())) {
                gone.add(r);
            }
        }
        remove(gone);
        if (--syncs <= 0) {
            syncs = 0;
            touched = null;
        }
        finish(batch);
    }

    /** Applies fresh snapshots of some jobs (a change the engine publishes no event for). */
    void refresh(List<TaskInfo> infos, String what) {
        Batch batch = new Batch();
        Instant now = Instant.now();
        for (TaskInfo t : infos) {
            if (byId.containsKey(t.id())) {
                apply(t, batch, false).observe(now, what);
            }
        }
        finish(batch);
    }

    private JobRow apply(TaskInfo t, Batch batch, boolean live) {
        JobRow r = byId.get(t.id());
        TaskInfo old = null;
        if (r == null) {
            r = new JobRow(t);
            byId.put(t.id(), r);
            all.add(r);
            if (!kinds.contains(t.kind())) {
                addKind(t.kind());
            }
            r.visible = matches(r);
            if (r.visible) {
                batch.added.add(r);
            }
        } else {
            old = r.info();
            r.update(t, Instant.now());
            batch.changed.add(r);
        }
        count(old, -1);
        count(t, 1);
        if (live && t.status().isFinal() && (old == null || !old.status().isFinal())) {
            finishedSeen++;
        }
        if (t.status() == TaskStatus.RUNNING) {
            running.add(r);
        } else {
            running.remove(r);
        }
        return r;
    }

    private void finish(Batch batch) {
        if (!batch.added.isEmpty()) {
            visible.addAll(batch.added);
        }
        if (filtering() && !batch.changed.isEmpty()) {
            Set<JobRow> out = new HashSet<>();
            List<JobRow> in = new ArrayList<>();
            for (JobRow r : batch.changed) {
                boolean m = matches(r);
                if (r.visible && !m) {
                    out.add(r);
                } else if (!r.visible && m) {
                    in.add(r);
                }
                r.visible = m;
            }
            if (!out.isEmpty()) {
                visible.removeAll(out);
            }
            if (!in.isEmpty()) {
                visible.addAll(in);
            }
        }
        if (!batch.added.isEmpty() || !batch.changed.isEmpty()) {
            revision.set(revision.get() + 1);
        }
    }

    private void remove(List<JobRow> gone) {
        if (gone.isEmpty()) {
            return;
        }
        Set<JobRow> set = new HashSet<>(gone);
        for (JobRow r : gone) {
            byId.remove(r.id());
            running.remove(r);
            count(r.info(), -1);
        }
        all.removeIf(set::contains);
        visible.removeAll(set);
        revision.set(revision.get() + 1);
    }

    private void count(TaskInfo t, int delta) {
        if (t == null) {
            return;
        }
        byStatus[t.status().ordinal()] += delta;
        if (t.status() == TaskStatus.RUNNING) {
            runningByPriority[t.priority().ordinal()] += delta;
        } else if (t.status() == TaskStatus.PENDING) {
            pendingByPriority[t.priority().ordinal()] += delta;
        }
    }

    private void addKind(String kind) {
        int at = 0;
        while (at < kinds.size() && kinds.get(at).compareTo(kind) < 0) {
            at++;
        }
        kinds.add(at, kind);
    }

    private boolean filtering() {
        return stateFilter.get() != null || kindFilter.get() != null || !text.isEmpty();
    }

    private boolean matches(JobRow r) {
        TaskInfo t = r.info();
        if (stateFilter.get() != null && t.status() != stateFilter.get()) {
            return false;
        }
        if (kindFilter.get() != null && !kindFilter.get().equals(t.kind())) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        return contains(t.name(), text) || contains(t.kind(), text) || contains(t.error(), text)
                || contains(t.resultSummary(), text) || ("#" + t.id()).equals(text);
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    private void refilter() {
        text = textFilter.get() == null ? "" : textFilter.get().strip().toLowerCase(Locale.ROOT);
        List<JobRow> out = new ArrayList<>();
        for (JobRow r : all) {
            r.visible = matches(r);
            if (r.visible) {
                out.add(r);
            }
        }
        visible.setAll(out);
        revision.set(revision.get() + 1);
    }

    private static TaskInfo info(JobEvent e) {
        return switch (e) {
            case JobEvent.Submitted s -> s.task();
            case JobEvent.Started s -> s.task();
            case JobEvent.Retrying r -> r.task();
            case JobEvent.Finished f -> f.task();
            default -> null;
        };
    }

    private static Instant eventTime(JobEvent e, TaskInfo t, Instant now) {
        Instant at = switch (e) {
            case JobEvent.Submitted s -> t.createdAt();
            case JobEvent.Started s -> t.startedAt();
            case JobEvent.Finished f -> t.finishedAt();
            default -> null;
        };
        return at == null ? now : at;
    }

    private static String describe(JobEvent e) {
        return switch (e) {
            case JobEvent.Submitted s -> "submitted at " + s.task().priority().name().toLowerCase(Locale.ROOT);
            case JobEvent.Started s -> "started, attempt " + s.task().attempts();
            case JobEvent.Retrying r -> "attempt " + r.task().attempts() + " failed (" + r.task().error()
                    + "); retry in " + SchedulerFormat.duration(r.delay());
            case JobEvent.Finished f -> SchedulerFormat.state(f.task().status()).toLowerCase(Locale.ROOT)
                    + (f.task().error() == null ? "" : ": " + f.task().error());
            default -> e.getClass().getSimpleName();
        };
    }

    /** Recomputes the live durations of the running jobs (a few hundred at most). */
    void tickRunning(Instant now) {
        for (JobRow r : running) {
            r.tick(now);
        }
    }

    public JobRow row(long id) {
        return byId.get(id);
    }

    public int size() {
        return all.size();
    }

    /** Jobs in {@code status} now. */
    public long count(TaskStatus status) {
        return byStatus[status.ordinal()];
    }

    public long running(TaskPriority p) {
        return runningByPriority[p.ordinal()];
    }

    public long pending(TaskPriority p) {
        return pendingByPriority[p.ordinal()];
    }

    /** Jobs seen reaching a final state through events (a snapshot's ended jobs do not count). */
    public long finishedSeen() {
        return finishedSeen;
    }

    /** Whether events wait to be applied. */
    public boolean hasQueued() {
        return !inbox.isEmpty();
    }

    public ObservableList<JobRow> visible() {
        return visible;
    }

    public ObservableList<String> kinds() {
        return kinds;
    }

    /** Null for every state. */
    public ObjectProperty<TaskStatus> stateFilterProperty() {
        return stateFilter;
    }

    /** Null for every kind. */
    public StringProperty kindFilterProperty() {
        return kindFilter;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    /** Goes up after every batch that changed a row or the list. */
    public LongProperty revisionProperty() {
        return revision;
    }

    private static final class Batch {
        final List<JobRow> added = new ArrayList<>();
        final Collection<JobRow> changed = new LinkedHashSet<>();
    }
}
