package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.ops.DataType;
import dev.whitemagic.engine.pipeline.ops.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The operations, grouped by category and searchable. Double-click or Enter adds one; dragging one
 * onto the canvas drops it there. The drag is a plain press-drag-release (a ghost label follows
 * the mouse), so it works the same with every windowing system and in headless tests.
 */
final class Palette extends VBox {

    /** Drops an operation at a scene point; true when it landed on the canvas. */
    interface DropTarget {
        boolean drop(String operation, double sceneX, double sceneY);
    }

    private final List<Operation> operations;
    private final ListView<Object> list = new ListView<>();
    private final TextField search = new TextField();

    Palette(List<Operation> operations, Consumer<String> add, DropTarget target, Pane overlay) {
        this.operations = List.copyOf(operations);
        setId("pipeline-palette");
        getStyleClass().add("pipeline-palette");
        Label heading = new Label("Operations");
        heading.getStyleClass().add("palette-heading");
        search.setId("pipeline-palette-search");
        search.setPromptText("Search operations");
        search.textProperty().addListener((o, a, b) -> filter(b));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN) {
                list.requestFocus();
                list.getSelectionModel().select(firstOperation());
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && firstOperation() >= 0) {
                add.accept(((Operation) list.getItems().get(firstOperation())).id());
                e.consume();
            }
        });
        list.setId("pipeline-palette-list");
        list.getStyleClass().add("dense");
        list.setCellFactory(v -> new Cell(add, target, overlay));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() instanceof Operation op) {
                add.accept(op.id());
                e.consume();
            }
        });
        Label placeholder = new Label("No operation matches.");
        placeholder.getStyleClass().add("text-muted");
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(heading, search, list);
        setSpacing(6);
        filter("");
    }

    private int firstOperation() {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i) instanceof Operation) {
                return i;
            }
        }
        return -1;
    }

    private void filter(String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Map<String, List<Operation>> groups = new LinkedHashMap<>();
        for (String c : List.of("Files", "Text", "Memory", "Flow")) {
            groups.put(c, new ArrayList<>());
        }
        for (Operation op : operations) {
            String hay = (op.id() + " " + op.title() + " " + op.description() + " " + op.category()).toLowerCase(Locale.ROOT);
            if (q.isEmpty() || hay.contains(q)) {
                groups.computeIfAbsent(op.category(), k -> new ArrayList<>()).add(op);
            }
        }
        List<Object> items = new ArrayList<>();
        groups.forEach((category, ops) -> {
            if (!ops.isEmpty()) {
                items.add(category);
                items.addAll(ops);
            }
        });
        list.getItems().setAll(items);
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static final class Cell extends ListCell<Object> {
        private final Label ghost = new Label();
        private boolean dragging;

        Cell(Consumer<String> add, DropTarget target, Pane overlay) {
            ghost.getStyleClass().add("palette-ghost");
            ghost.setMouseTransparent(true);
            ghost.setManaged(false);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() instanceof Operation op) {
                    add.accept(op.id());
                }
            });
            setOnMouseDragged(e -> {
                if (!(getItem() instanceof Operation op)) {
                    return;
                }
                if (!dragging) {
                    dragging = true;
                    ghost.setText(op.title());
                    ghost.setGraphic(new FontIcon(NodeView.icon(op.category())));
                    overlay.getChildren().add(ghost);
                    ghost.autosize();
                }
                Point2D p = overlay.sceneToLocal(e.getSceneX(), e.getSceneY());
                ghost.relocate(p.getX() + 8, p.getY() + 8);
                e.consume();
            });
            setOnMouseReleased(e -> {
                if (dragging) {
                    dragging = false;
                    overlay.getChildren().remove(ghost);
                    if (getItem() instanceof Operation op) {
                        target.drop(op.id(), e.getSceneX(), e.getSceneY());
                    }
                    e.consume();
                }
            });
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("palette-category", "palette-op");
            setId(null);
            setTooltip(null);
            setGraphic(null);
            if (empty || item == null) {
                setText(null);
                setDisable(false);
            } else if (item instanceof Operation op) {
                setId("palette-" + op.id());
                getStyleClass().add("palette-op");
                setText(op.title());
                setGraphic(new FontIcon(NodeView.icon(op.category())));
                setTooltip(new Tooltip(op.description() + "\n" + op.input().key() + " → "
                        + (op.output() == DataType.SAME ? "same type" : op.output().key())
                        + "\nDouble-click to add, or drag onto the canvas"));
            } else {
                getStyleClass().add("palette-category");
                setText(item.toString().toUpperCase(Locale.ROOT));
            }
        }
    }
}
