package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.PipelineSpec.Stage;
import dev.whitemagic.engine.pipeline.StageResult;
import dev.whitemagic.engine.pipeline.StageStats;
import dev.whitemagic.engine.pipeline.ops.DataType;
import dev.whitemagic.engine.pipeline.ops.Operation;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * One stage on the canvas: a card with the operation's title, the stage id, its port types and,
 * while a pipeline runs, its live figures. Ports sit on the card's left and right edges at
 * {@link #PORT_Y}, so edges only depend on the card's position. Labels are updated in place.
 */
final class NodeView extends Region {

    static final double WIDTH = 176;
    static final double PORT_Y = 22;
    private static final double PORT_RADIUS = 6;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final PseudoClass BOTTLENECK = PseudoClass.getPseudoClass("bottleneck");
    private static final PseudoClass RUNNING = PseudoClass.getPseudoClass("running");

    private final String stageId;
    private final VBox card = new VBox(3);
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label inType = new Label();
    private final Label outType = new Label();
    private final Label counts = new Label();
    private final Label rates = new Label();
    private final Label hint = new Label();
    final Circle inPort = new Circle(PORT_RADIUS);
    final Circle outPort = new Circle(PORT_RADIUS);
    private String operation;

    NodeView(String stageId) {
        this.stageId = stageId;
        setId("pipeline-node-" + stageId);
        getStyleClass().add("pipeline-node");
        icon.getStyleClass().add("node-icon");
        title.getStyleClass().add("node-title");
        subtitle.getStyleClass().add("node-id");
        inType.getStyleClass().add("node-port-type");
        outType.getStyleClass().add("node-port-type");
        counts.getStyleClass().addAll("node-stats", "node-counts");
        rates.getStyleClass().addAll("node-stats", "node-rates");
        hint.getStyleClass().add("node-hint");
        hint.setWrapText(true);
        HBox header = new HBox(6, icon, title);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("node-header");
        title.setMaxWidth(WIDTH - 40);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox types = new HBox(4, inType, gap, outType);
        types.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().addAll(header, subtitle, types, counts, rates, hint);
        card.getStyleClass().add("node-card");
        for (Label l : new Label[] {counts, rates, hint}) {
            l.managedProperty().bind(l.visibleProperty());
            l.setVisible(false);
        }
        inPort.getStyleClass().addAll("port", "port-in");
        outPort.getStyleClass().addAll("port", "port-out");
        inPort.setManaged(false);
        outPort.setManaged(false);
        getChildren().addAll(card, inPort, outPort);
    }

    String stageId() {
        return stageId;
    }

    /** Shows the stage as the spec has it now. */
    void update(Stage stage, Operation op) {
        relocate(stage.x(), stage.y());
        if (stage.operation().equals(operation)) {
            subtitle.setText(stage.id() + " · " + stage.workers() + (stage.workers() == 1 ? " worker" : " workers"));
            return;
        }
        operation = stage.operation();
        title.setText(op == null ? stage.operation() : op.title());
        subtitle.setText(stage.id() + " · " + stage.workers() + (stage.workers() == 1 ? " worker" : " workers"));
        inType.setText("◂ " + (op == null ? "?" : op.input().key()));
        outType.setText((op == null ? "?" : op.output() == DataType.SAME ? "same" : op.output().key()) + " ▸");
        icon.setIconCode(icon(op == null ? "" : op.category()));
    }

    static Ikon icon(String category) {
        return switch (category) {
            case "Files" -> Material2AL.INSERT_DRIVE_FILE;
            case "Text" -> Material2MZ.TEXT_FIELDS;
            case "Memory" -> Material2MZ.STICKY_NOTE_2;
            case "Flow" -> Material2AL.CALL_SPLIT;
            default -> Material2AL.EXTENSION;
        };
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    void setProblem(boolean problem) {
        pseudoClassStateChanged(PROBLEM, problem);
    }

    /** The stage's live figures; {@code bottleneckHint} non-null on the stage holding the run back. */
    void showStats(StageStats s, String bottleneckHint) {
        counts.setText("in " + compact(s.input()) + " · out " + compact(s.output()) + " · err " + compact(s.errors()));
        rates.setText(String.format(Locale.ROOT, "%s/s · %d/%d busy", rate(s.itemsPerSecond()), s.busy(), s.workers()));
        counts.setVisible(true);
        rates.setVisible(true);
        hint.setText(bottleneckHint == null ? "" : bottleneckHint);
        hint.setVisible(bottleneckHint != null);
        pseudoClassStateChanged(BOTTLENECK, bottleneckHint != null);
        pseudoClassStateChanged(RUNNING, !s.finished());
        markErrors(s.errors() > 0);
    }

    /** A finished stage: its totals, its average rate and how long it ran. */
    void showResult(StageResult r) {
        counts.setText("in " + compact(r.input()) + " · out " + compact(r.output()) + " · err " + compact(r.errors()));
        long ms = r.duration().toMillis();
        rates.setText(rate(r.itemsPerSecond()) + "/s avg · "
                + (ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0)));
        counts.setVisible(true);
        rates.setVisible(true);
        hint.setVisible(false);
        pseudoClassStateChanged(BOTTLENECK, false);
        pseudoClassStateChanged(RUNNING, false);
        markErrors(r.errors() > 0);
    }

    private void markErrors(boolean errors) {
        if (errors != counts.getStyleClass().contains("node-stats-errors")) {
            if (errors) {
                counts.getStyleClass().add("node-stats-errors");
            } else {
                counts.getStyleClass().remove("node-stats-errors");
            }
        }
    }

    void clearStats() {
        counts.setVisible(false);
        rates.setVisible(false);
        hint.setVisible(false);
        pseudoClassStateChanged(BOTTLENECK, false);
        pseudoClassStateChanged(RUNNING, false);
    }

    String countsText() {
        return counts.isVisible() ? counts.getText() : "";
    }

    /** 1,234 · 12.3k · 4.5M: short enough for a card. */
    static String compact(long n) {
        if (n < 10_000) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        return n < 1_000_000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }

    static String rate(double perSecond) {
        return perSecond >= 10_000 ? compact(Math.round(perSecond)) : perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    @Override
    protected double computePrefWidth(double height) {
        return WIDTH;
    }

    @Override
    protected double computePrefHeight(double width) {
        return card.prefHeight(WIDTH);
    }

    @Override
    protected void layoutChildren() {
        card.resizeRelocate(0, 0, WIDTH, card.prefHeight(WIDTH));
        inPort.setCenterX(0);
        inPort.setCenterY(PORT_Y);
        outPort.setCenterX(WIDTH);
        outPort.setCenterY(PORT_Y);
    }
}
