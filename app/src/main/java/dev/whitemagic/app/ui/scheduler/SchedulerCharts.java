package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.scheduler.SchedulerViewModel.Sample;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Throughput and queue depth over the last {@link SchedulerViewModel#HISTORY_SECONDS} seconds,
 * and the running jobs per priority against the limit. Redrawn from the view model's samples
 * once a second.
 */
final class SchedulerCharts extends HBox {

    private final SchedulerViewModel model;
    private final LineChart<Number, Number> throughput;
    private final LineChart<Number, Number> depth;
    private final ProgressBar[] bars = new ProgressBar[TaskPriority.values().length];
    private final Label[] counts = new Label[TaskPriority.values().length];

    SchedulerCharts(SchedulerViewModel model) {
        this.model = model;
        throughput = chart("Throughput · jobs finished per second", "finished/s");
        throughput.setId("scheduler-throughput");
        depth = chart("Queue depth · jobs", "pending", "running");
        depth.setId("scheduler-depth");
        VBox priorities = priorities();
        getChildren().addAll(throughput, depth, priorities);
        HBox.setHgrow(throughput, Priority.ALWAYS);
        HBox.setHgrow(depth, Priority.ALWAYS);
        setSpacing(10);
        getStyleClass().add("scheduler-charts");
    }

    private static LineChart<Number, Number> chart(String title, String... lines) {
        NumberAxis x = new NumberAxis(-SchedulerViewModel.HISTORY_SECONDS, 0, 60);
        x.setAutoRanging(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                int s = -n.intValue();
                return s == 0 ? "now" : s % 60 == 0 ? (s / 60) + " min" : s + " s";
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis(0, 4, 1);
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setVerticalZeroLineVisible(false);

        c.getStyleClass().addAll("history-chart", "scheduler-chart");
        c.setMinWidth(220);
        c.setPrefHeight(190);
        for (String line : lines) {
            c.getData().add(new XYChart.Series<>(line, FXCollections.observableArrayList()));
        }
        c.setLegendVisible(lines.length > 1);
        c.setLegendSide(Side.RIGHT);
        return c;
    }

    private VBox priorities() {
        Label title = new Label("Running by priority");
        title.getStyleClass().add("details-heading");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        for (TaskPriority p : TaskPriority.values()) {
            Label name = new Label(SchedulerFormat.state(p));
            name.setMinWidth(62);
            ProgressBar bar = new ProgressBar(0);
            bar.getStyleClass().addAll("small", "priority-bar", "priority-" + p.name().toLowerCase(Locale.ROOT));
            bar.setPrefWidth(90);
            bar.setMinWidth(60);
            Label count = new Label("0 running · 0 waiting");
            count.setId("priority-" + p.name().toLowerCase(Locale.ROOT));
            count.getStyleClass().add("text-muted");
            count.setMinWidth(Region.USE_PREF_SIZE);
            bars[p.ordinal()] = bar;
            counts[p.ordinal()] = count;
            grid.addRow(p.ordinal(), name, bar, count);
        }
        VBox box = new VBox(10, title, grid);
        box.getStyleClass().add("scheduler-card");
        box.setAlignment(Pos.TOP_LEFT);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    /** Redraws from the latest samples and counts. */
    void redraw() {
        List<Sample> history = model.history();
        Instant now = history.isEmpty() ? Instant.now() : history.getLast().time();
        plot(throughput, 0, history, now, Sample::finishedPerSecond);
        plot(depth, 0, history, now, Sample::pending);
        plot(depth, 1, history, now, Sample::running);
        fit(throughput, history, Sample::finishedPerSecond);
        fit(depth, history, s -> Math.max(s.pending(), s.running()));
        int limit = Math.max(1, model.limitProperty().get());
        JobTableModel jobs = model.jobs();
        for (TaskPriority p : TaskPriority.values()) {
            long running = jobs.running(p);
            bars[p.ordinal()].setProgress(Math.min(1, (double) running / limit));
            counts[p.ordinal()].setText(String.format(Locale.ROOT, "%,d running · %,d waiting", running, jobs.pending(p)));
        }
    }

    private static void plot(LineChart<Number, Number> chart, int line, List<Sample> history, Instant now,
            ToDoubleFunction<Sample> value) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(history.size());
        for (Sample s : history) {
            points.add(new XYChart.Data<>(-SchedulerViewModel.ago(s, now), value.applyAsDouble(s)));
        }
        chart.getData().get(line).getData().setAll(points);
    }

    /** A round top for the value axis with a few ticks; never below 4 so idle noise stays flat. */
    private static void fit(LineChart<Number, Number> chart, List<Sample> history, ToDoubleFunction<Sample> value) {
        double top = 0;
        for (Sample s : history) {
            top = Math.max(top, value.applyAsDouble(s));
        }
        double unit = niceUnit(Math.max(4, top) / 4);
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setTickUnit(unit);
        y.setUpperBound(Math.ceil(Math.max(4, top) / unit) * unit);
    }

    static double niceUnit(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= raw) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
