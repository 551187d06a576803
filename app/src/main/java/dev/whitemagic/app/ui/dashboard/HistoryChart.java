package dev.whitemagic.app.ui.dashboard;

import dev.whitemagic.app.ui.common.Refresh;
import dev.whitemagic.engine.metrics.SystemMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/**
 * A line chart of the last {@link Refresh#CHART_SECONDS} seconds of samples, one line per
 * series. It is redrawn from the sampler's ring buffer at every refresh, so it is complete the
 * moment the pane is shown and cannot drift from the engine's figures.
 */
final class HistoryChart extends LineChart<Number, Number> {

    record Line(String name, ToDoubleFunction<SystemMetrics> value) {}

    private final List<Line> lines = new ArrayList<>();
    private final ObservableList<Series<Number, Number>> series = FXCollections.observableArrayList();

    /** With an automatic value axis, the smallest top it shows, so idle noise does not fill the chart. */
    private static final double MIN_AUTO_TOP = 1;

    private final boolean autoValueAxis;

    HistoryChart(String yLabel, double yMax, StringConverter<Number> yFormat) {
        super(timeAxis(), valueAxis(yLabel, yMax, yFormat));
        autoValueAxis = yMax <= 0;
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(true);
        setData(series);
        getStyleClass().add("history-chart");
    }

    private static NumberAxis timeAxis() {
        NumberAxis x = new NumberAxis(-Refresh.CHART_SECONDS, 0, 10);
        x.setAutoRanging(false);
        x.setLabel("seconds ago");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return n.intValue() == 0 ? "now" : String.valueOf(-n.intValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        return x;
    }

    private static NumberAxis valueAxis(String label, double max, StringConverter<Number> format) {
        NumberAxis y = max > 0 ? new NumberAxis(0, max, max / 4) : new NumberAxis();
        y.setAutoRanging(max <= 0);
        y.setForceZeroInRange(true);
        y.setLabel(label);
        if (format != null) {
            y.setTickLabelFormatter(format);
        }
        return y;
    }

    /** Sets the lines; the chart shows them from the next {@link #redraw}. */
    void setLines(List<Line> newLines) {
        if (newLines.equals(lines)) {
            return;
        }
        lines.clear();
        lines.addAll(newLines);
        List<Series<Number, Number>> all = new ArrayList<>();
        for (Line line : lines) {
            all.add(new XYChart.Series<>(line.name(), FXCollections.observableArrayList()));
        }
        series.setAll(all);
    }

    int lineCount() {
        return lines.size();
    }

    void redraw(List<SystemMetrics> history) {
        if (history.isEmpty()) {
            return;
        }
        Instant now = history.getLast().time();
        List<SystemMetrics> window = new ArrayList<>();
        for (SystemMetrics m : history) {
            double ago = (now.toEpochMilli() - m.time().toEpochMilli()) / 1000.0;
            if (ago <= Refresh.CHART_SECONDS) {
                window.add(m);
            }
        }
        double top = 0;
        for (int i = 0; i < lines.size(); i++) {
            ToDoubleFunction<SystemMetrics> value = lines.get(i).value();
            List<Data<Number, Number>> points = new ArrayList<>(window.size());
            for (SystemMetrics m : window) {
                double ago = (now.toEpochMilli() - m.time().toEpochMilli()) / 1000.0;
                double v = value.applyAsDouble(m);
                top = Math.max(top, v);
                points.add(new Data<>(-ago, v));
            }
            series.get(i).getData().setAll(points);
        }
        if (autoValueAxis) {
            NumberAxis y = (NumberAxis) getYAxis();
            boolean small = top < MIN_AUTO_TOP;
            y.setAutoRanging(!small);
            if (small) {
                y.setLowerBound(0);
                y.setUpperBound(MIN_AUTO_TOP);
                y.setTickUnit(MIN_AUTO_TOP / 4);
            }
        }
    }
}
