package dev.whitemagic.app.ui.dashboard;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.TierDecision;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** The adaptive controller: current tier, thresholds, the what-if control and the decision log. */
final class AdaptivePanel extends VBox {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final DashboardViewModel model;
    private final WhatIfViewModel whatIf;

    AdaptivePanel(WhiteMagicEngine engine, DashboardViewModel model, Settings settings, Runnable settingsChanged) {
        this.model = model;
        AdaptiveThreadingController controller = engine.adaptive();
        this.whatIf = new WhatIfViewModel(controller);

        Label heading = new Label("Adaptive concurrency");
        heading.getStyleClass().add("title-3");
        Label sub = new Label("How many threads the engine gives its work, and why. Above a threshold it steps one "
                + "tier down; otherwise the task count picks the tier and the complexity shifts it.");
        sub.getStyleClass().add("text-muted");
        sub.setWrapText(true);

        // Current tier.
        Label tier = new Label();
        tier.setId("current-tier");
        tier.textProperty().bind(model.currentTier);
        tier.getStyleClass().add("tile-value");
        Label label = new Label();
        label.textProperty().bind(model.currentTierLabel);
        label.getStyleClass().add("text-muted");
        label.setWrapText(true);
        Label pool = new Label();
        pool.setWrapText(true);
        pool.setId("current-pool");
        pool.textProperty().bind(model.currentPool);
        VBox current = card("Current tier", new VBox(4, tier, label, new Label("Pools"), pool));

        // Thresholds.
        Spinner<Double> cpu = threshold("cpu-threshold", controller.cpuThreshold(), v -> {
            controller.setCpuThreshold(v);
            settings.cpuThreshold = v;
            settingsChanged.run();
        });
        Spinner<Double> memory = threshold("memory-threshold", controller.memoryThreshold(), v -> {
            controller.setMemoryThreshold(v);
            settings.memoryThreshold = v;
            settingsChanged.run();
        });
        GridPane limits = new GridPane();
        limits.setHgap(10);
        limits.setVgap(8);
        limits.addRow(0, new Label("CPU above"), cpu, new Label("%"));
        limits.addRow(1, new Label("Memory above"), memory, new Label("%"));
        limits.getChildren().forEach(n -> { if (n instanceof Label l) { l.setMinWidth(Label.USE_PREF_SIZE); } });
        Label limitsNote = new Label("steps one tier down");
        limitsNote.getStyleClass().add("text-muted");
        VBox thresholds = card("Thresholds", new VBox(8, limits, limitsNote));

        // What if.
        Slider tasks = slider("whatif-tasks", 0, WhatIfViewModel.MAX_TASKS, whatIf.taskCountProperty().get());
        tasks.valueProperty().addListener((obs, was, now) -> whatIf.taskCountProperty().set(now.intValue()));
        Slider complexity = slider("whatif-complexity", 0, 100, whatIf.complexityProperty().get());
        complexity.valueProperty().addListener((obs, was, now) -> whatIf.complexityProperty().set(now.intValue()));
        Label tasksValue = new Label();
        tasksValue.textProperty().bind(whatIf.taskCountProperty().asString("%d tasks"));
        Label complexityValue = new Label();
        complexityValue.textProperty().bind(whatIf.complexityProperty().asString("complexity %d"));
        tasksValue.setMinWidth(100);
        complexityValue.setMinWidth(100);
        Label answer = new Label();
        answer.setId("whatif-tier");
        answer.textProperty().bind(whatIf.tierTextProperty());
        answer.getStyleClass().add("whatif-tier");
        Label answerPool = new Label();
        answerPool.setId("whatif-pool");
        answerPool.textProperty().bind(whatIf.poolTextProperty());
        Label reason = new Label();
        reason.setId("whatif-reason");
        reason.textProperty().bind(whatIf.reasonProperty());
        reason.setWrapText(true);
        reason.getStyleClass().add("text-muted");
        Label answerLabel = new Label();
        answerLabel.textProperty().bind(whatIf.labelProperty());
        answerLabel.getStyleClass().add("text-muted");
        Button apply = new Button("Decide", new FontIcon(Material2MZ.PLAY_ARROW));
        apply.setMinWidth(Button.USE_PREF_SIZE);
        apply.setId("whatif-apply");
        apply.setTooltip(new Tooltip(
                "Let the engine decide for these inputs: the tier becomes current and the decision is logged"));
        apply.setOnAction(e -> {
            whatIf.apply();
            model.refresh();
        });
        HBox tasksRow = new HBox(10, tasks, tasksValue);
        HBox complexityRow = new HBox(10, complexity, complexityValue);
        HBox.setHgrow(tasks, Priority.ALWAYS);
        HBox.setHgrow(complexity, Priority.ALWAYS);
        tasksRow.setAlignment(Pos.CENTER_LEFT);
        complexityRow.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox answerRow = new HBox(10, answer, gap, apply);
        answerRow.setAlignment(Pos.CENTER_LEFT);
        answer.setMinWidth(Label.USE_PREF_SIZE);
        answerLabel.setWrapText(true);
        VBox what = card("What if…", new VBox(8, tasksRow, complexityRow, answerRow, answerLabel, answerPool, reason));

        HBox cards = new HBox(12, current, thresholds, what);
        HBox.setHgrow(what, Priority.ALWAYS);
        current.setPrefWidth(250);
        current.setMinWidth(230);
        thresholds.setMinWidth(270);

        Label logTitle = new Label("Tier decisions");
        logTitle.getStyleClass().add("title-4");
        TableView<TierDecision> log = decisionLog();

        getChildren().addAll(new VBox(2, heading, sub), cards, logTitle, log);
        setSpacing(12);
        setId("adaptive-panel");
    }

    private TableView<TierDecision> decisionLog() {
        TableView<TierDecision> table = new TableView<>(model.decisions());
        table.setId("decision-log");
        table.getColumns().add(column("Time", 80, d -> TIME.format(d.time())));
        table.getColumns().add(column("Tasks", 60, d -> String.valueOf(d.taskCount())));
        table.getColumns().add(column("Complexity", 100, d -> String.valueOf(d.complexity())));
        table.getColumns().add(column("CPU", 60, d -> String.format(Locale.ROOT, "%.0f %%", d.cpuPercent())));
        table.getColumns().add(column("Memory", 70, d -> String.format(Locale.ROOT, "%.0f %%", d.memoryPercent())));
        table.getColumns().add(column("From", 70, d -> d.previous().name()));
        table.getColumns().add(column("Tier", 70, d -> d.tier().name()));
        TableColumn<TierDecision, String> reason = column("Reason", 420, TierDecision::reason);
        table.getColumns().add(reason);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        Label empty = new Label("No decisions yet. The engine decides when work starts; "
                + "press Decide above to ask it now.");
        empty.getStyleClass().add("text-muted");
        table.setPlaceholder(empty);
        table.setPrefHeight(220);
        table.getStyleClass().add("dense");
        return table;
    }

    private static TableColumn<TierDecision, String> column(String title, double width,
            Function<TierDecision, String> text) {
        TableColumn<TierDecision, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyStringWrapper(text.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private static VBox card(String title, Node body) {
        Label name = new Label(title);
        name.getStyleClass().add("tile-title");
        VBox box = new VBox(10, name, body);
        box.getStyleClass().add("tile");
        box.setPadding(new Insets(14));
        return box;
    }

    private static Slider slider(String id, double min, double max, double value) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setBlockIncrement(1);
        s.setMajorTickUnit(max / 4);
        s.setShowTickMarks(true);
        return s;
    }

    private static Spinner<Double> threshold(String id, double value, DoubleConsumer onChange) {
        var factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(1, 100, value, 1);
        // Typed text that is not a number in range keeps the previous value instead of throwing.
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : String.format(Locale.ROOT, "%.0f", v);
            }

            @Override
            public Double fromString(String text) {
                try {
                    double v = Double.parseDouble(text.strip().replace("%", "").strip());
                    return v >= 1 && v <= 100 ? v : factory.getValue();
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        });
        Spinner<Double> spinner = new Spinner<>(factory);
        spinner.setId(id);
        spinner.setEditable(true);
        // After a commit (Enter or leaving the field), show the value in force, e.g. after bad input.
        Runnable showValue = () -> Platform.runLater(
                () -> spinner.getEditor().setText(factory.getConverter().toString(spinner.getValue())));
        spinner.getEditor().addEventHandler(ActionEvent.ACTION, e -> showValue.run());
        spinner.getEditor().focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                showValue.run();
            }
        });
        spinner.setPrefWidth(100);
        spinner.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                onChange.accept(now);
            }
        });
        return spinner;
    }

    /** Recomputes the what-if answer: the load under it moves even when the sliders do not. */
    void refresh() {
        whatIf.recompute();
    }

    WhatIfViewModel whatIf() {
        return whatIf;
    }
}
