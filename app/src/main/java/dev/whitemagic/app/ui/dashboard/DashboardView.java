package dev.whitemagic.app.ui.dashboard;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.ui.common.PaneView;
import dev.whitemagic.app.ui.common.Refresh;
import dev.whitemagic.engine.Subscription;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.metrics.SystemMetrics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The live Dashboard: the machine (CPU per core, memory, swap, load, disk, network), the JVM and
 * the engine, and the adaptive controller. One timeline refreshes it once a second while it is
 * shown; it only reads figures the engine already holds.
 */
public final class DashboardView implements PaneView {

    private final DashboardViewModel model;
    private final ScrollPane root;
    private final HistoryChart coreChart;
    private final HistoryChart ioChart;
    private final AdaptivePanel adaptive;
    private final Timeline timeline;
    private Subscription decisions;

    public DashboardView(WhiteMagicEngine engine, Settings settings, Runnable settingsChanged) {
        this.model = new DashboardViewModel(engine);
        this.adaptive = new AdaptivePanel(engine, model, settings, settingsChanged);

        coreChart = new HistoryChart("CPU %", 100, null);
        coreChart.setId("core-chart");
        coreChart.setTitle("CPU per core");
        ioChart = new HistoryChart("MiB/s", 0, new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return BigDecimal.valueOf(n.doubleValue()).setScale(2, RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString();
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        ioChart.setId("io-chart");
        ioChart.setTitle("Disk and network");
        double mib = 1024 * 1024;
        ioChart.setLines(List.of(
                new HistoryChart.Line("disk read", m -> m.diskReadPerSec() / mib),
                new HistoryChart.Line("disk write", m -> m.diskWritePerSec() / mib),
                new HistoryChart.Line("net in", m -> m.netReceivedPerSec() / mib),
                new HistoryChart.Line("net out", m -> m.netSentPerSec() / mib)));

        GridPane tiles = new GridPane();
        tiles.getStyleClass().add("tiles");
        tiles.setHgap(12);
        tiles.setVgap(12);
        Node[] cards = {
            tile("tile-cpu", "CPU", Material2AL.DEVELOPER_BOARD, model.cpu, model.cpuDetail, null),
            tile("tile-memory", "Memory", Material2MZ.MEMORY, model.memory, model.memoryDetail, model.memoryFraction),
            tile("tile-swap", "Swap", Material2MZ.SWAP_HORIZ, model.swap, model.swapDetail, model.swapFraction),
            tile("tile-load", "Load average", Material2MZ.SPEED, model.load, model.loadDetail, null),
            tile("tile-disk", "Disk", Material2MZ.STORAGE, model.disk, model.diskDetail, null),
            tile("tile-network", "Network", Material2MZ.NETWORK_CHECK, model.network, model.networkDetail, null),
            tile("tile-heap", "JVM heap", Material2AL.DATA_USAGE, model.heap, model.heapDetail, model.heapFraction),
            tile("tile-threads", "Engine threads", Material2MZ.QUEUE, model.threads, model.threadsDetail, null),
        };
        for (int i = 0; i < cards.length; i++) {
            tiles.add(cards[i], i % 4, i / 4);
            GridPane.setHgrow(cards[i], Priority.ALWAYS);
        }
        for (int c = 0; c < 4; c++) {
            var column = new ColumnConstraints();
            column.setPercentWidth(25);
            tiles.getColumnConstraints().add(column);
        }

        HBox charts = new HBox(12, coreChart, ioChart);
        HBox.setHgrow(coreChart, Priority.ALWAYS);
        HBox.setHgrow(ioChart, Priority.ALWAYS);
        coreChart.setPrefHeight(260);
        ioChart.setPrefHeight(260);
        coreChart.setMinWidth(300);
        ioChart.setMinWidth(300);

        Label heading = new Label("Dashboard");
        heading.getStyleClass().add("title-2");
        Label sub = new Label("The machine, the JVM and the engine, live; refreshed every second.");
        sub.getStyleClass().add("text-muted");
        VBox content = new VBox(16, new VBox(2, heading, sub), tiles, charts, adaptive);
        content.setPadding(new Insets(20, 24, 24, 24));
        content.getStyleClass().add("dashboard");

        root = new ScrollPane(content);
        root.setId("dashboard");
        root.setFitToWidth(true);
        root.getStyleClass().add("edge-to-edge");

        timeline = new Timeline(new KeyFrame(Refresh.LIVE, e -> refresh()));
        timeline.setCycleCount(Animation.INDEFINITE);
        refresh();
    }

    private static Node tile(String id, String title, Ikon icon, StringProperty value, StringProperty detail,
            DoubleProperty fraction) {
        Label name = new Label(title, new FontIcon(icon));
        name.getStyleClass().add("tile-title");
        Label big = new Label();
        big.textProperty().bind(value);
        big.getStyleClass().add("tile-value");
        big.setId(id + "-value");
        Label small = new Label();
        small.textProperty().bind(detail);
        small.getStyleClass().addAll("tile-detail", "text-muted");
        VBox box = new VBox(4, name, big, small);
        if (fraction != null) {
            ProgressBar bar = new ProgressBar();
            bar.progressProperty().bind(fraction);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add("small");
            box.getChildren().add(bar);
        }
        box.getStyleClass().add("tile");
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private void refresh() {
        model.refresh();
        adaptive.refresh();
        List<SystemMetrics> history = model.engine().metrics().history();
        if (!history.isEmpty()) {
            int cores = history.getLast().cores();
            if (coreChart.lineCount() != cores) {
                List<HistoryChart.Line> lines = new ArrayList<>();
                for (int c = 0; c < cores; c++) {
                    int core = c;
                    lines.add(new HistoryChart.Line("core " + c,
                            m -> core < m.corePercent().size() ? m.corePercent().get(core) : 0));
                }
                coreChart.setLines(lines);
            }
        }
        coreChart.redraw(history);
        ioChart.redraw(history);
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        if (decisions == null) {
            decisions = model.engine().adaptive().onDecision(model::offer);
            model.resync();
        }
        refresh();
        timeline.play();
    }

    @Override
    public void hidden() {
        timeline.stop();
        if (decisions != null) {
            decisions.close();
            decisions = null;
        }
    }
}
