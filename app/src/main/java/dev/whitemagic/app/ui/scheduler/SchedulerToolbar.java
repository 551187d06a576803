package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.common.ToolbarButton;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The pane's actions on the selected jobs and the queue, and the concurrency limit (Auto or by hand). */
final class SchedulerToolbar extends HBox {

    private final SchedulerViewModel model;
    private final Tooltip limitTip = new Tooltip();

    SchedulerToolbar(SchedulerViewModel model, Supplier<List<JobRow>> selected, ObservableBooleanValue none) {
        this.model = model;
        Button cancel = ToolbarButton.of("scheduler-cancel", "Cancel", Material2AL.CANCEL,
                "Cancel the selected jobs that have not ended (Delete)", () -> model.cancel(selected.get()));
        Button rerun = ToolbarButton.of("scheduler-rerun", "Run again", Material2MZ.REPLAY,
                "Run the selected ended jobs again, as new jobs (Ctrl+R)", () -> model.rerun(selected.get()));
        MenuButton priority = new MenuButton("Priority", new FontIcon(Material2AL.LOW_PRIORITY));
        priority.setId("scheduler-priority");
        priority.setTooltip(new Tooltip("Change the priority of the selected pending jobs (Alt+Up / Alt+Down)"));
        for (TaskPriority p : TaskPriority.values()) {
            MenuItem item = new MenuItem(SchedulerFormat.state(p));
            item.setId("priority-to-" + p.name().toLowerCase(Locale.ROOT));
            item.setOnAction(e -> model.changePriority(selected.get(), p));
            priority.getItems().add(item);
        }
        cancel.disableProperty().bind(none);
        rerun.disableProperty().bind(none);
        priority.disableProperty().bind(none);

        Button pause = ToolbarButton.of("scheduler-pause", "Pause", Material2MZ.PAUSE,
                "Pause the queue: running jobs go on, no new ones start (Ctrl+P)", model::togglePause);
        model.pausedProperty().addListener((o, a, paused) -> {
            pause.setText(paused ? "Resume" : "Pause");
            pause.setGraphic(new FontIcon(paused ? Material2MZ.PLAY_ARROW : Material2MZ.PAUSE));
            pause.getStyleClass().remove("warning");
            if (paused) {
                pause.getStyleClass().add("warning");
            }
        });
        Button clear = ToolbarButton.of("scheduler-clear", "Clear finished", Material2AL.CLEAR_ALL,
                "Remove the ended jobs from the queue and the table (Ctrl+L)", model::clearFinished);

        CheckBox auto = new CheckBox("Auto");
        auto.setId("scheduler-auto-limit");
        auto.setSelected(model.autoLimitProperty().get());
        Spinner<Integer> limit = new Spinner<>(1, 4096, Math.max(1, model.limitProperty().get()));
        limit.setId("scheduler-limit");
        limit.setEditable(true);
        limit.setPrefWidth(96);
        limit.disableProperty().bind(auto.selectedProperty());
        auto.setTooltip(limitTip);
        limit.setTooltip(limitTip);
        model.limitProperty().addListener((o, a, n) -> {
            if (n.intValue() != limit.getValue()) {
                limit.getValueFactory().setValue(n.intValue());
            }
        });
        limit.valueProperty().addListener((o, a, v) -> {
            if (!auto.isSelected() && v != null && v != model.limitProperty().get()) {
                model.setManualLimit(v);
            }
        });
        auto.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                model.setAutoLimit();
            } else {
                model.setManualLimit(limit.getValue());
            }
        });
        Label limitLabel = new Label("Run at once");
        limitLabel.setMinWidth(Region.USE_PREF_SIZE);

        getChildren().addAll(cancel, rerun, priority, separator(), pause, clear, SchedulerView.spacer(), limitLabel,
                auto, limit);
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("scheduler-toolbar");
    }

    /** Once a second: the tier the Auto limit follows. */
    void refresh() {
        limitTip.setText("Auto: the adaptive tier's width, now " + model.tierLimit()
                + ". Untick to set the limit by hand.");
    }

    private static Node separator() {
        Separator s = new Separator(Orientation.VERTICAL);
        s.setPrefHeight(22);
        return s;
    }
}
