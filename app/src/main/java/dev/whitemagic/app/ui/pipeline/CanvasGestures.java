package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.PipelineSpec.Edge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Translate;

/**
 * The mouse and keyboard on the canvas: pan (drag on empty space, middle button, Space+drag,
 * wheel), zoom (Ctrl+wheel), rubber band (Shift/Ctrl+drag), moving the selected cards (one model
 * edit when the drag ends), and wiring an output port to an input port.
 */
final class CanvasGestures {

    private enum Gesture { NONE, PAN, BAND, MOVE, WIRE }

    private final PipelineCanvas c;
    private final EditorModel model;
    private final Pane viewport;
    private final Pane world;
    private final Group nodeLayer;
    private final Rectangle band;
    private final CubicCurve wire;
    private final Translate pan;
    private final Map<String, NodeView> nodes;
    private final Set<String> selected;
    private final Set<Edge> selectedEdges;

    private Gesture gesture = Gesture.NONE;
    private boolean spaceDown;
    private boolean dragged;
    private double startSceneX;
    private double startSceneY;
    private double startPanX;
    private double startPanY;
    private Point2D startWorld;
    private final Map<String, Point2D> origins = new HashMap<>();
    private NodeView wireFrom;

    CanvasGestures(PipelineCanvas canvas) {
        this.c = canvas;
        this.model = canvas.model;
        this.viewport = canvas.viewport;
        this.world = canvas.world;
        this.nodeLayer = canvas.nodeLayer;
        this.band = canvas.band;
        this.wire = canvas.wire;
        this.pan = canvas.pan;
        this.nodes = canvas.nodes;
        this.selected = canvas.selected;
        this.selectedEdges = canvas.selectedEdges;
        install();
    }

    /** A new card: select, move, and wire from its output port. */
    void attach(NodeView v) {
        v.setOnMousePressed(e -> pressNode(v, e));
        v.setOnMouseDragged(this::dragNode);
        v.setOnMouseReleased(e -> releaseNode(v, e));
        v.outPort.setOnMousePressed(e -> pressPort(v, e));
        v.outPort.setOnMouseDragged(this::dragWire);
        v.outPort.setOnMouseReleased(this::releaseWire);
    }

    /** A new curve: a click selects it (Del then disconnects). */
    void attach(EdgeView ev) {
        ev.setOnMousePressed(m -> {
            if (m.getButton() != MouseButton.PRIMARY || spaceDown) {
                return;
            }
            viewport.requestFocus();
            if (!m.isShiftDown() && !m.isShortcutDown()) {
                c.clearSelection();
            }
            selectedEdges.add(ev.edge());
            c.publishSelection();
            m.consume();
        });
    }

    private Point2D toWorld(MouseEvent e) {
        return world.sceneToLocal(e.getSceneX(), e.getSceneY());
    }

    private void install() {
        viewport.setOnMousePressed(e -> {
            viewport.requestFocus();
            dragged = false;
            startSceneX = e.getSceneX();
            startSceneY = e.getSceneY();
            if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)
                    || (e.getButton() == MouseButton.PRIMARY && !e.isShiftDown() && !e.isShortcutDown())) {
                gesture = Gesture.PAN;
                startPanX = pan.getX();
                startPanY = pan.getY();
            } else if (e.getButton() == MouseButton.PRIMARY) {
                gesture = Gesture.BAND;
                startWorld = toWorld(e);
                band.setX(startWorld.getX());
                band.setY(startWorld.getY());
                band.setWidth(0);
                band.setHeight(0);
                band.setVisible(true);
            }
        });
        viewport.setOnMouseDragged(e -> {
            dragged |= Math.abs(e.getSceneX() - startSceneX) + Math.abs(e.getSceneY() - startSceneY) > 2;
            if (gesture == Gesture.PAN) {
                viewport.setCursor(Cursor.CLOSED_HAND);
                pan.setX(startPanX + e.getSceneX() - startSceneX);
                pan.setY(startPanY + e.getSceneY() - startSceneY);
            } else if (gesture == Gesture.BAND) {
                Point2D p = toWorld(e);
                band.setX(Math.min(p.getX(), startWorld.getX()));
                band.setY(Math.min(p.getY(), startWorld.getY()));
                band.setWidth(Math.abs(p.getX() - startWorld.getX()));
                band.setHeight(Math.abs(p.getY() - startWorld.getY()));
            }
        });
        viewport.setOnMouseReleased(e -> {
            if (gesture == Gesture.BAND) {
                band.setVisible(false);
                for (NodeView v : nodes.values()) {
                    if (v.getBoundsInParent().intersects(band.getBoundsInParent())) {
                        selected.add(v.stageId());
                    }
                }
                c.publishSelection();
            } else if (gesture == Gesture.PAN && !dragged && e.getButton() == MouseButton.PRIMARY && !spaceDown) {
                c.clearSelection();
            }
            viewport.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
            gesture = Gesture.NONE;
        });
        viewport.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.isShortcutDown()) {
                Point2D p = viewport.sceneToLocal(e.getSceneX(), e.getSceneY());
                c.zoomAt(e.getDeltaY() > 0 ? PipelineCanvas.ZOOM_STEP : e.getDeltaY() < 0 ? 1 / PipelineCanvas.ZOOM_STEP : 1, p.getX(), p.getY());
            } else {
                pan.setX(pan.getX() + e.getDeltaX());
                pan.setY(pan.getY() + e.getDeltaY());
            }
            e.consume();
        });
        viewport.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = true;
                viewport.setCursor(Cursor.OPEN_HAND);
                e.consume();
            }
        });
        viewport.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                viewport.setCursor(Cursor.DEFAULT);
                e.consume();
            }
        });
    }

    private void pressNode(NodeView v, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || spaceDown) {
            return; // the viewport pans
        }
        viewport.requestFocus();
        String id = v.stageId();
        if (e.isShiftDown() || e.isShortcutDown()) {
            if (!selected.remove(id)) {
                selected.add(id);
            }
            selectedEdges.clear();
            c.publishSelection();
        } else if (!selected.contains(id)) {
            c.selectOnly(id);
        }
        gesture = Gesture.MOVE;
        dragged = false;
        startWorld = toWorld(e);
        origins.clear();
        for (String s : selected) {
            NodeView n = nodes.get(s);
            origins.put(s, new Point2D(n.getLayoutX(), n.getLayoutY()));
        }
        e.consume();
    }

    private void dragNode(MouseEvent e) {
        if (gesture != Gesture.MOVE) {
            return;
        }
        Point2D p = toWorld(e);
        double dx = p.getX() - startWorld.getX();
        double dy = p.getY() - startWorld.getY();
        dragged |= Math.abs(dx) + Math.abs(dy) > 1;
        origins.forEach((id, o) -> nodes.get(id).relocate(o.getX() + dx, o.getY() + dy));
        c.placeEdgesOf(origins.keySet());
        e.consume();
    }

    private void releaseNode(NodeView v, MouseEvent e) {
        if (gesture != Gesture.MOVE) {
            return;
        }
        gesture = Gesture.NONE;
        if (dragged) {
            Point2D p = toWorld(e);
            model.moveBy(List.copyOf(origins.keySet()), p.getX() - startWorld.getX(), p.getY() - startWorld.getY());
        } else if (!e.isShiftDown() && !e.isShortcutDown() && selected.size() > 1) {
            c.selectOnly(v.stageId());
        }
        e.consume();
    }

    private void pressPort(NodeView from, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || spaceDown) {
            return;
        }
        viewport.requestFocus();
        if (!selected.contains(from.stageId())) {
            c.selectOnly(from.stageId());
        }
        gesture = Gesture.WIRE;
        wireFrom = from;
        Point2D p = toWorld(e);
        EdgeView.shape(wire, from.getLayoutX() + NodeView.WIDTH, from.getLayoutY() + NodeView.PORT_Y, p.getX(), p.getY());
        wire.setVisible(true);
        e.consume();
    }

    private void dragWire(MouseEvent e) {
        if (gesture != Gesture.WIRE) {
            return;
        }
        Point2D p = toWorld(e);
        EdgeView.shape(wire, wireFrom.getLayoutX() + NodeView.WIDTH, wireFrom.getLayoutY() + NodeView.PORT_Y, p.getX(),
                p.getY());
        e.consume();
    }

    private void releaseWire(MouseEvent e) {
        if (gesture != Gesture.WIRE) {
            return;
        }
        gesture = Gesture.NONE;
        wire.setVisible(false);
        NodeView target = nodeAt(toWorld(e));
        String from = wireFrom.stageId();
        wireFrom = null;
        e.consume();
        if (target == null || target.stageId().equals(from)) {
            return;
        }
        String to = target.stageId();
        String refusal = model.connect(from, to);
        if (refusal == null) {
            c.message.accept("Connected " + from + " → " + to);
        } else {
            c.warning.accept("Cannot connect " + from + " → " + to + ": " + refusal);
        }
    }

    /** The card at a world point, its input port's reach included. */
    private NodeView nodeAt(Point2D p) {
        List<NodeView> hits = new ArrayList<>();
        for (NodeView v : nodes.values()) {
            double x = v.getLayoutX();
            double y = v.getLayoutY();
            if (p.getX() >= x - 14 && p.getX() <= x + NodeView.WIDTH && p.getY() >= y - 8
                    && p.getY() <= y + Math.max(v.getHeight(), 50) + 4) {
                hits.add(v);
            }
        }
        // The card drawn on top wins.
        return hits.stream().max(Comparator.comparingInt(v -> nodeLayer.getChildren().indexOf(v))).orElse(null);
    }
}
