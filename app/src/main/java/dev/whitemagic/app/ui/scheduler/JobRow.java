package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.engine.scheduler.TaskInfo;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One job in the table, updated in place as its events arrive: the table's cells watch these few
 * properties, so a change repaints one row and never touches the list. Kept small on purpose, as
 * the pane may hold 100,000 of them.
 */
public final class JobRow {

    /** At most this many observed events are kept per job. */
    static final int TIMELINE_LIMIT = 24;

    private final long id;
    private final ObjectProperty<TaskInfo> info;
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty duration = new SimpleStringProperty("");
    private List<Observed> timeline;
    /** Whether the row is in the filtered list now: lets a batch fix membership without searching. */
    boolean visible;

    /** Something the pane saw happen to the job. */
    public record Observed(Instant time, String what) {}

    JobRow(TaskInfo first) {
        this.id = first.id();
        this.info = new SimpleObjectProperty<>(first);
        refreshDerived(first, Instant.now());
    }

    public long id() {
        return id;
    }

    /** The latest snapshot of the job. */
    public TaskInfo info() {
        return info.get();
    }

    public ReadOnlyObjectProperty<TaskInfo> infoProperty() {
        return info;
    }

    /** 0 to 1; -1 while running without reported progress. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    public TaskStatus status() {
        return info.get().status();
    }

    /** The events seen for this job, oldest first (empty when it was loaded from a snapshot). */
    public List<Observed> timeline() {
        return timeline == null ? List.of() : List.copyOf(timeline);
    }

    @Override
    public String toString() {
        return "#" + id + " " + info.get().name() + " " + info.get().status();
    }

    void update(TaskInfo next, Instant now) {
        info.set(next);
        refreshDerived(next, now);
    }

    void progress(long done, long total) {
        if (total > 0) {
            progress.set(Math.clamp((double) done / total, 0, 1));
        }
    }

    void observe(Instant time, String what) {
        if (timeline == null) {
            timeline = new ArrayList<>(4);
        }
        if (timeline.size() == TIMELINE_LIMIT) {
            timeline.remove(1); // keep "submitted" and the latest
        }
        timeline.add(new Observed(time, what));
    }

    /** Recomputes the live duration of a running job. */
    void tick(Instant now) {
        TaskInfo i = info.get();
        if (i.status() == TaskStatus.RUNNING && i.startedAt() != null) {
            duration.set(SchedulerFormat.duration(Duration.between(i.startedAt(), now)));
        }
    }

    private void refreshDerived(TaskInfo i, Instant now) {
        if (i.status() == TaskStatus.COMPLETED) {
            progress.set(1);
        } else if (i.progressTotal() > 0) {
            progress.set(Math.clamp((double) i.progressDone() / i.progressTotal(), 0, 1));
        } else {
            progress.set(i.status() == TaskStatus.RUNNING ? -1 : 0);
        }
        if (i.status() == TaskStatus.RUNNING && i.startedAt() != null) {
            duration.set(SchedulerFormat.duration(Duration.between(i.startedAt(), now)));
        } else {
            duration.set(i.runTime().map(SchedulerFormat::duration).orElse(""));
        }
    }
}
