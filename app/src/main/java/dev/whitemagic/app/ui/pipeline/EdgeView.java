package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.PipelineSpec.Edge;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;

/**
 * A connection drawn as a curve from an output port to an input port; while a pipeline runs, a
 * small bar on it shows how full the target's input queue is (green → yellow → red).
 */
final class EdgeView extends Group {

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final double BAR_WIDTH = 30;

    private final Edge edge;
    private final CubicCurve curve = new CubicCurve();
    private final CubicCurve hit = new CubicCurve();
    private final Rectangle track = new Rectangle(BAR_WIDTH, 6);
    private final Rectangle fill = new Rectangle(0, 6);

    EdgeView(Edge edge) {
        this.edge = edge;
        setId("pipeline-edge-" + edge.from() + "-" + edge.to());
        getStyleClass().add("pipeline-edge");
        curve.getStyleClass().add("edge-curve");
        curve.setFill(null);
        curve.setMouseTransparent(true);
        // A wide invisible stroke makes the thin curve easy to click.
        hit.setFill(null);
        hit.setStroke(Color.TRANSPARENT);
        hit.setStrokeWidth(12);
        track.getStyleClass().add("edge-queue-track");
        track.setArcWidth(6);
        track.setArcHeight(6);
        fill.setArcWidth(6);
        fill.setArcHeight(6);
        track.setMouseTransparent(true);
        fill.setMouseTransparent(true);
        track.setVisible(false);
        fill.setVisible(false);
        getChildren().addAll(hit, curve, track, fill);
    }

    Edge edge() {
        return edge;
    }

    /** Puts the curve between two points (output port → input port). */
    void place(double x1, double y1, double x2, double y2) {
        shape(curve, x1, y1, x2, y2);
        shape(hit, x1, y1, x2, y2);
        double mx = (x1 + x2) / 2;
        double my = (y1 + y2) / 2;
        track.setX(mx - BAR_WIDTH / 2);
        track.setY(my - 12);
        fill.setX(mx - BAR_WIDTH / 2);
        fill.setY(my - 12);
    }

    static void shape(CubicCurve c, double x1, double y1, double x2, double y2) {
        double bend = Math.max(40, Math.abs(x2 - x1) / 2);
        c.setStartX(x1);
        c.setStartY(y1);
        c.setControlX1(x1 + bend);
        c.setControlY1(y1);
        c.setControlX2(x2 - bend);
        c.setControlY2(y2);
        c.setEndX(x2);
        c.setEndY(y2);
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** The target's queue fill, 0 to 1; negative hides the bar. */
    void showFill(double queueFill) {
        boolean show = queueFill >= 0;
        track.setVisible(show);
        fill.setVisible(show);
        if (show) {
            double f = Math.min(1, queueFill);
            fill.setWidth(Math.max(f > 0 ? 3 : 0, BAR_WIDTH * f));
            fill.setFill(fillColor(f));
        }
    }

    double fillWidth() {
        return fill.isVisible() ? fill.getWidth() : -1;
    }

    /** Green at empty, yellow at half, red at full. */
    static Color fillColor(double f) {
        Color green = Color.web("#2da44e");
        Color yellow = Color.web("#d4a72c");
        Color red = Color.web("#cf222e");
        return f < 0.5 ? green.interpolate(yellow, f * 2) : yellow.interpolate(red, (f - 0.5) * 2);
    }
}
