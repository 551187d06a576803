package dev.whitemagic.app.ui;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.common.Refresh;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The bottom bar: CPU, memory, the engine's active tasks and current tier, live. */
final class StatusBar extends HBox {

    private final WhiteMagicEngine engine;
    private final Label cpu = item("status-cpu", Material2AL.DEVELOPER_BOARD);
    private final Label memory = item("status-memory", Material2MZ.MEMORY);
    private final Label tasks = item("status-tasks", Material2MZ.QUEUE);
    private final Label tier = item("status-tier", Material2MZ.SPEED);
    private final Label message = new Label();
    private final Timeline timeline;

    StatusBar(WhiteMagicEngine engine) {
        this.engine = engine;
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(message, spacer, cpu, memory, tasks, tier);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(18);
        setPadding(new Insets(4, 12, 4, 12));
        timeline = new Timeline(new KeyFrame(Refresh.LIVE, e -> refresh()));
        timeline.setCycleCount(Animation.INDEFINITE);
        refresh();
    }

    private static Label item(String id, Ikon icon) {
        Label label = new Label("—", new FontIcon(icon));
        label.setId(id);
        label.getStyleClass().add("status-item");
        return label;
    }

    void start() {
        timeline.play();
    }

    void stop() {
        timeline.stop();
    }

    /** A line of text on the left of the bar: warnings, results of the last action. */
    void say(String text) {
        message.setText(text);
    }

    private void refresh() {
        engine.metrics().latest().ifPresentOrElse(m -> {
            cpu.setText("CPU " + Format.percent(m.cpuPercent()));
            memory.setText("Memory " + Format.percent(m.memoryPercent()));
        }, () -> {
            cpu.setText("CPU …");
            memory.setText("Memory …");
        });
        // The engine's job queue: what the panes and commands started (the Scheduler pane has the detail).
        var jobs = engine.scheduler();
        int running = jobs.runningCount();
        int queued = jobs.pendingCount();
        tasks.setText(running + (running == 1 ? " job" : " jobs") + " running" + (queued > 0 ? ", " + queued + " queued" : "")
                + (jobs.isPaused() ? " (paused)" : ""));
        ThreadingTier t = engine.adaptive().currentTier();
        tier.setText(t + " · " + t.threads() + " threads");
    }
}
