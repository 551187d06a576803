package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.WorkbenchPane;
import dev.whitemagic.engine.scheduler.TaskInfo;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The selected job: where it came from, its dependencies, its timeline, its result or error, and
 * the events the pane saw for it (the engine keeps no log of its own).
 */
final class JobDetails extends VBox {

    private final JobTableModel model;
    private final Consumer<WorkbenchPane> navigate;
    private final LongConsumer select;
    private JobRow row;

    JobDetails(JobTableModel model, Consumer<WorkbenchPane> navigate, LongConsumer select) {
        this.model = model;
        this.navigate = navigate;
        this.select = select;
        setId("scheduler-details");
        getStyleClass().add("job-details");
        setSpacing(8);
        setPadding(new Insets(12, 14, 12, 14));
        show(null);
    }

    /** Shows {@code r}, or a hint when null. */
    void show(JobRow r) {
        row = r;
        refresh();
    }

    JobRow shown() {
        return row;
    }

    /** Redraws from the row's latest snapshot; cheap enough to call after every batch. */
    void refresh() {
        if (row == null) {
            Label hint = new Label("Select a job to see its details: where it came from, what it waits for, "
                    + "its timeline, and its result or error.");
            hint.setWrapText(true);
            hint.getStyleClass().add("text-muted");
            getChildren().setAll(hint);
            return;
        }
        TaskInfo t = row.info();
        Label name = new Label(t.name());
        name.setId("details-name");
        name.getStyleClass().add("details-name");
        name.setWrapText(true);
        Label badge = new Label(SchedulerFormat.state(t.status()));
        badge.setId("details-state");
        badge.getStyleClass().addAll("state-badge", SchedulerFormat.stateStyle(t.status()));
        Label id = new Label("#" + t.id() + " · " + SchedulerFormat.state(t.priority()));
        id.getStyleClass().add("text-muted");
        HBox top = new HBox(8, badge, id);
        top.setAlignment(Pos.CENTER_LEFT);

        Node from = SchedulerFormat.origin(t.kind()).<Node>map(p -> {
            Hyperlink link = new Hyperlink("from: " + t.kind() + " → " + p.title());
            link.setWrapText(true);
            link.setId("details-origin");
            link.setOnAction(e -> navigate.accept(p));
            return link;
        }).orElseGet(() -> muted("from: " + t.kind() + " (started here)"));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(3);
        int r = 0;
        r = fact(grid, r, "Queued", SchedulerFormat.preciseTime(t.createdAt()));
        r = fact(grid, r, "Started", t.startedAt() == null ? "not yet" : SchedulerFormat.preciseTime(t.startedAt()));
        r = fact(grid, r, "Finished", t.finishedAt() == null ? "not yet" : SchedulerFormat.preciseTime(t.finishedAt()));
        r = fact(grid, r, "Waited", t.queueWait().map(SchedulerFormat::duration).orElse("–"));
        r = fact(grid, r, "Ran", t.status().isFinal() ? t.runTime().map(SchedulerFormat::duration).orElse("–")
                : row.durationProperty().get().isEmpty() ? "–" : row.durationProperty().get() + " so far");
        fact(grid, r, "Attempts", String.valueOf(t.attempts()));

        getChildren().setAll(name, top, from, grid, heading("Depends on"), dependencies(t));
        if (t.resultSummary() != null) {
            Label result = new Label(t.resultSummary());
            result.setId("details-result");
            result.setWrapText(true);
            getChildren().addAll(heading("Result"), result);
        }
        if (t.error() != null) {
            Label error = new Label(t.error());
            error.setId("details-error");
            error.setWrapText(true);
            error.getStyleClass().add("details-error");
            getChildren().addAll(heading("Error"), error);
        }
        VBox events = new VBox(2);
        events.setId("details-timeline");
        for (JobRow.Observed o : row.timeline()) {
            Label time = muted(SchedulerFormat.preciseTime(o.time()));
            time.setMinWidth(84);
            Label what = new Label(o.what());
            what.setWrapText(true);
            HBox line = new HBox(8, time, what);
            HBox.setHgrow(what, Priority.ALWAYS);
            events.getChildren().add(line);
        }
        if (events.getChildren().isEmpty()) {
            events.getChildren().add(muted("No events seen: the job was loaded from the engine's list."));
        }
        getChildren().addAll(heading("Events seen"), events);
    }

    private Node dependencies(TaskInfo t) {
        if (t.dependencies().isEmpty()) {
            return muted("nothing");
        }
        VBox deps = new VBox(2);
        for (long dep : t.dependencies()) {
            JobRow d = model.row(dep);
            String text = d == null ? "#" + dep + " (cleared)"
                    : "#" + dep + " " + d.info().name() + " (" + SchedulerFormat.state(d.status()).toLowerCase(Locale.ROOT) + ")";
            Hyperlink link = new Hyperlink(text);
            link.setWrapText(true); // long names wrap inside the panel rather than widen it
            link.setDisable(d == null);
            link.setOnAction(e -> select.accept(dep));
            deps.getChildren().add(link);
        }
        return deps;
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        Label n = muted(name);
        Label v = new Label(value);
        grid.addRow(row, n, v);
        return row + 1;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("details-heading");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }
}
