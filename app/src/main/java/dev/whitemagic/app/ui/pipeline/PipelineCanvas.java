package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.PipelineResult;
import dev.whitemagic.engine.pipeline.PipelineSnapshot;
import dev.whitemagic.engine.pipeline.PipelineSpec.Edge;
import dev.whitemagic.engine.pipeline.PipelineSpec.Stage;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.StageStats;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The editor's canvas: stages as cards in a pannable, zoomable world. Dragging moves the cards
 * on screen only; the model gets one edit when the drag ends. The view is reconciled with the
 * spec by id ({@link #sync}), so an edit touches only what changed, and live figures update
 * labels in place ({@link #showStats}).
 */
final class PipelineCanvas extends StackPane {

    static final double MIN_ZOOM = 0.25;
    static final double MAX_ZOOM = 2.5;
    static final double ZOOM_STEP = 1.2;
    /** How far each paste moves the copies. */
    static final double PASTE_OFFSET = 30;

    final EditorModel model;
    final Consumer<String> message;
    final Consumer<String> warning;
    final Pane viewport = new Pane();
    final Pane world = new Pane();
    private final Group edgeLayer = new Group();
    final Group nodeLayer = new Group();
    final Rectangle band = new Rectangle();
    final CubicCurve wire = new CubicCurve();
    final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    final Map<String, NodeView> nodes = new HashMap<>();
    private final Map<Edge, EdgeView> edges = new HashMap<>();
    final Set<String> selected = new LinkedHashSet<>();
    final Set<Edge> selectedEdges = new HashSet<>();
    private final ObjectProperty<List<String>> selection = new SimpleObjectProperty<>(List.of());
    private final Node emptyHint;
    private Consumer<List<Path>> onPathsDropped = paths -> {};
    private EditorModel.Clip clip;
    private int pastes;
    private final CanvasGestures gestures;

    PipelineCanvas(EditorModel model, Node emptyHint, Consumer<String> message, Consumer<String> warning) {
        this.model = model;
        this.message = message;
        this.warning = warning;
        this.emptyHint = emptyHint;
        setId("pipeline-canvas");
        getStyleClass().add("pipeline-canvas");
        viewport.getStyleClass().add("pipeline-viewport");
        viewport.setFocusTraversable(true);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        world.setPickOnBounds(false);
        world.setManaged(false);
        world.getTransforms().addAll(pan, scale);
        scale.xProperty().bind(zoom);
        scale.yProperty().bind(zoom);
        band.getStyleClass().add("rubber-band");
        band.setVisible(false);
        band.setMouseTransparent(true);
        wire.getStyleClass().add("edge-wire");
        wire.setFill(null);
        wire.setVisible(false);
        wire.setMouseTransparent(true);
        world.getChildren().addAll(edgeLayer, nodeLayer, wire, band);
        viewport.getChildren().add(world);
        emptyHint.setPickOnBounds(false);
        Label help = new Label("Drag empty space to pan · Ctrl+wheel zooms · Shift+drag selects · Del deletes");
        help.getStyleClass().add("canvas-help");
        help.setMouseTransparent(true);
        StackPane.setAlignment(help, Pos.BOTTOM_LEFT);
        getChildren().addAll(viewport, emptyHint, help);
        gestures = new CanvasGestures(this);
        installDrop();
    }

    ReadOnlyObjectProperty<List<String>> selectionProperty() {
        return selection;
    }

    ReadOnlyDoubleProperty zoomProperty() {
        return zoom;
    }

    void setOnPathsDropped(Consumer<List<Path>> handler) {
        this.onPathsDropped = handler;
    }

    NodeView node(String id) {
        return nodes.get(id);
    }

    EdgeView edge(Edge e) {
        return edges.get(e);
    }

    int nodeCount() {
        return nodes.size();
    }

    // ---- reconciling with the model --------------------------------------------------------------

    /** Brings the cards and curves in line with the spec; {@code problemStages} get a red mark. */
    void sync(Set<String> problemStages) {
        PipelineSpec spec = model.spec();
        Set<String> ids = new HashSet<>();
        for (Stage s : spec.stages()) {
            ids.add(s.id());
            NodeView v = nodes.get(s.id());
            if (v == null) {
                v = createNode(s.id());
                nodes.put(s.id(), v);
                nodeLayer.getChildren().add(v);
            }
            v.update(s, model.registry().find(s.operation()).orElse(null));
            v.setProblem(problemStages.contains(s.id()));
        }
        nodes.keySet().removeIf(id -> {
            if (!ids.contains(id)) {
                nodeLayer.getChildren().remove(nodes.get(id));
                return true;
            }
            return false;
        });
        Set<Edge> now = new HashSet<>(spec.edges());
        edges.keySet().removeIf(e -> {
            if (!now.contains(e)) {
                edgeLayer.getChildren().remove(edges.get(e));
                return true;
            }
            return false;
        });
        for (Edge e : spec.edges()) {
            EdgeView ev = edges.computeIfAbsent(e, this::createEdge);
            place(ev);
        }
        selected.retainAll(ids);
        selectedEdges.retainAll(now);
        emptyHint.setVisible(spec.stages().isEmpty());
        publishSelection();
    }

    private NodeView createNode(String id) {
        NodeView v = new NodeView(id);
        gestures.attach(v);
        v.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                e.consume();
            }
        });
        v.setOnContextMenuRequested(e -> {
            if (!selected.contains(id)) {
                selectOnly(id);
            }
            MenuItem delete = new MenuItem("Delete (Del)");
            delete.setOnAction(a -> deleteSelection());
            MenuItem copy = new MenuItem("Copy (Ctrl+C)");
            copy.setOnAction(a -> copySelection());
            new ContextMenu(copy, delete).show(v, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return v;
    }

    private EdgeView createEdge(Edge e) {
        EdgeView ev = new EdgeView(e);
        gestures.attach(ev);
        ev.setOnContextMenuRequested(m -> {
            MenuItem disconnect = new MenuItem("Disconnect " + e.from() + " → " + e.to());
            disconnect.setOnAction(a -> model.disconnect(e));
            new ContextMenu(disconnect).show(ev, m.getScreenX(), m.getScreenY());
            m.consume();
        });
        edgeLayer.getChildren().add(ev);
        return ev;
    }

    private void place(EdgeView ev) {
        NodeView a = nodes.get(ev.edge().from());
        NodeView b = nodes.get(ev.edge().to());
        if (a != null && b != null) {
            ev.place(a.getLayoutX() + NodeView.WIDTH, a.getLayoutY() + NodeView.PORT_Y, b.getLayoutX(),
                    b.getLayoutY() + NodeView.PORT_Y);
        }
    }

    void placeEdgesOf(Set<String> ids) {
        for (EdgeView ev : edges.values()) {
            if (ids.contains(ev.edge().from()) || ids.contains(ev.edge().to())) {
                place(ev);
            }
        }
    }

    // ---- selection -------------------------------------------------------------------------------

    void selectOnly(String id) {
        selected.clear();
        selectedEdges.clear();
        if (nodes.containsKey(id)) {
            selected.add(id);
        }
        publishSelection();
    }

    void select(List<String> ids) {
        selected.clear();
        selectedEdges.clear();
        ids.stream().filter(nodes::containsKey).forEach(selected::add);
        publishSelection();
    }

    void selectAll() {
        select(model.spec().stages().stream().map(Stage::id).toList());
    }

    void clearSelection() {
        selected.clear();
        selectedEdges.clear();
        publishSelection();
    }

    void publishSelection() {
        nodes.forEach((id, v) -> v.setSelected(selected.contains(id)));
        edges.forEach((e, v) -> v.setSelected(selectedEdges.contains(e)));
        List<String> now = List.copyOf(selected);
        if (!now.equals(selection.get())) {
            selection.set(now);
        }
    }

    /** Deletes the selected stages (with their edges) or else the selected edges. */
    void deleteSelection() {
        if (!selected.isEmpty()) {
            int n = selected.size();
            model.remove(List.copyOf(selected));
            message.accept("Deleted " + n + (n == 1 ? " stage (Ctrl+Z brings it back)" : " stages (Ctrl+Z brings them back)"));
        } else {
            for (Edge e : List.copyOf(selectedEdges)) {
                model.disconnect(e);
            }
        }
    }

    void copySelection() {
        if (!selected.isEmpty()) {
            clip = model.copy(selected);
            pastes = 0;
            message.accept("Copied " + clip.stages().size() + (clip.stages().size() == 1 ? " stage" : " stages"));
        }
    }

    void paste() {
        if (clip == null || clip.isEmpty()) {
            return;
        }
        pastes++;
        select(model.paste(clip, PASTE_OFFSET * pastes, PASTE_OFFSET * pastes));
    }

    // ---- adding ----------------------------------------------------------------------------------

    /** Adds a stage next to the selected one, or in view; selects it. */
    String addOperation(String operation) {
        double x;
        double y;
        Stage anchor = selected.isEmpty() ? null : model.stage(selected.iterator().next()).orElse(null);
        if (anchor != null) {
            x = anchor.x() + NodeView.WIDTH + 50;
            y = anchor.y();
        } else {
            Point2D centre = world.parentToLocal(Math.max(0, viewport.getWidth() / 2 - 260), Math.max(0, viewport.getHeight() / 2 - 80));
            x = centre.getX();
            y = centre.getY();
        }
        while (occupied(x, y)) {
            x += 24;
            y += 24;
        }
        String id = model.addStage(operation, x, y);
        selectOnly(id);
        return id;
    }

    /** Adds a stage where a palette item was dropped; false when the point is not on the canvas. */
    boolean dropOperation(String operation, double sceneX, double sceneY) {
        Point2D local = viewport.sceneToLocal(sceneX, sceneY);
        if (local == null || !viewport.getLayoutBounds().contains(local)) {
            return false;
        }
        Point2D p = world.sceneToLocal(sceneX, sceneY);
        String id = model.addStage(operation, p.getX() - NodeView.WIDTH / 2, p.getY() - NodeView.PORT_Y);
        selectOnly(id);
        viewport.requestFocus();
        return true;
    }

    private boolean occupied(double x, double y) {
        return model.spec().stages().stream().anyMatch(s -> Math.abs(s.x() - x) < 20 && Math.abs(s.y() - y) < 20);
    }

    // ---- zoom and pan ----------------------------------------------------------------------------

    void zoomIn() {
        zoomAt(ZOOM_STEP, viewport.getWidth() / 2, viewport.getHeight() / 2);
    }

    void zoomOut() {
        zoomAt(1 / ZOOM_STEP, viewport.getWidth() / 2, viewport.getHeight() / 2);
    }

    /** The whole pipeline in view: at 100 % when it fits, else zoomed out as far as needed. */
    void resetView() {
        List<Stage> stages = model.spec().stages();
        double minX = stages.stream().mapToDouble(Stage::x).min().orElse(0);
        double minY = stages.stream().mapToDouble(Stage::y).min().orElse(0);
        double maxX = stages.stream().mapToDouble(Stage::x).max().orElse(0) + NodeView.WIDTH;
        double maxY = stages.stream().mapToDouble(Stage::y).max().orElse(0) + 140;
        double z = 1;
        if (viewport.getWidth() > 0 && viewport.getHeight() > 0) {
            z = Math.clamp(Math.min((viewport.getWidth() - 60) / (maxX - minX), (viewport.getHeight() - 60) / (maxY - minY)),
                    MIN_ZOOM, 1);
        }
        zoom.set(z);
        pan.setX(30 - minX * z);
        pan.setY(30 - minY * z);
    }

    void zoomAt(double factor, double vx, double vy) {
        double old = zoom.get();
        double now = Math.clamp(old * factor, MIN_ZOOM, MAX_ZOOM);
        double wx = (vx - pan.getX()) / old;
        double wy = (vy - pan.getY()) / old;
        zoom.set(now);
        pan.setX(vx - wx * now);
        pan.setY(vy - wy * now);
    }

    /** Pans so that stage {@code id} is in view, and selects it. */
    void reveal(String id) {
        NodeView v = nodes.get(id);
        if (v == null) {
            return;
        }
        selectOnly(id);
        Point2D p = world.localToParent(v.getLayoutX(), v.getLayoutY());
        if (p.getX() < 0 || p.getY() < 0 || p.getX() + NodeView.WIDTH * zoom.get() > viewport.getWidth()
                || p.getY() + 60 > viewport.getHeight()) {
            pan.setX(viewport.getWidth() / 2 - (v.getLayoutX() + NodeView.WIDTH / 2) * zoom.get());
            pan.setY(viewport.getHeight() / 2 - v.getLayoutY() * zoom.get());
        }
    }

    void focusCanvas() {
        viewport.requestFocus();
    }

    // ---- live figures ----------------------------------------------------------------------------

    /** Shows a run's figures on the cards and the queue bars; cheap enough for every snapshot. */
    void showStats(PipelineSnapshot snapshot) {
        Map<String, StageStats> byName = new HashMap<>();
        snapshot.stages().forEach(s -> byName.put(s.name(), s));
        String bottleneck = snapshot.finished() ? null : snapshot.bottleneck().map(StageStats::name).orElse(null);
        for (StageStats s : snapshot.stages()) {
            NodeView v = nodes.get(s.name());
            if (v != null) {
                v.showStats(s, s.name().equals(bottleneck) ? bottleneckHint(s) : null);
            }
        }
        for (EdgeView ev : edges.values()) {
            StageStats target = byName.get(ev.edge().to());
            ev.showFill(target == null ? -1 : target.queueFill());
        }
    }

    static String bottleneckHint(StageStats s) {
        if (s.queueFill() >= 0.2) {
            return String.format(Locale.ROOT, "bottleneck: queue %.0f%% full — add workers", s.queueFill() * 100);
        }
        return String.format(Locale.ROOT, "bottleneck: %d/%d workers busy — add workers", s.busy(), s.workers());
    }

    /** A finished run's totals on the cards; the queue bars show the last snapshot's (empty) queues. */
    void showResult(PipelineResult result) {
        for (var s : result.stages()) {
            NodeView v = nodes.get(s.name());
            if (v != null) {
                v.showResult(s);
            }
        }
    }

    void clearStats() {
        nodes.values().forEach(NodeView::clearStats);
        edges.values().forEach(ev -> ev.showFill(-1));
    }

    /** Dropping folders or files on the canvas (or a card) sets the run's input. */
    private void installDrop() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                onPathsDropped.accept(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
