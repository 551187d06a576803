package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.PipelineSpec.Stage;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import dev.whitemagic.engine.pipeline.SpecProblem;
import dev.whitemagic.engine.pipeline.ops.DataType;
import dev.whitemagic.engine.pipeline.ops.Operation;
import dev.whitemagic.engine.pipeline.ops.Parameter;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * Edits the selected stage: id, workers, error policy, timeout and one editor per parameter by
 * kind, each with its problems right below it. The editors are built when another stage is
 * selected and refreshed in place after every edit, so a field being typed in keeps its focus.
 */
final class Inspector extends VBox {

    private final EditorModel model;
    private final Consumer<String> renamed;
    private final VBox body = new VBox(10);
    private final List<Runnable> refreshers = new ArrayList<>();
    private final Map<String, Label> errors = new HashMap<>();
    private String shownId;
    private String shownOperation;
    private boolean refreshing;
    private boolean building;

    Inspector(EditorModel model, Consumer<String> renamed) {
        this.model = model;
        this.renamed = renamed;
        setId("pipeline-inspector");
        getStyleClass().add("pipeline-inspector");
        Label heading = new Label("Inspector");
        heading.getStyleClass().add("palette-heading");
        getChildren().addAll(heading, body);
        setSpacing(8);
        show(List.of());
    }

    /** Shows the selection: one stage's editors, or a sentence. */
    void show(List<String> selection) {
        if (building) {
            return; // an edit committed by a field losing its focus while the editors are replaced
        }
        Stage stage = selection.size() == 1 ? model.stage(selection.getFirst()).orElse(null) : null;
        if (stage == null) {
            if (shownId == null && !body.getChildren().isEmpty()
                    && body.getChildren().getFirst() instanceof Label l && Integer.valueOf(selection.size()).equals(l.getUserData())) {
                return;
            }
            Label hint = new Label(selection.isEmpty()
                    ? "Select a stage to edit it. Drag from an output port (right) to an input port (left) to connect."
                    : selection.size() + " stages selected: drag to move them, Del deletes, Ctrl+C copies.");
            hint.setWrapText(true);
            hint.getStyleClass().add("text-muted");
            hint.setId("inspector-hint");
            hint.setUserData(selection.size());
            building = true;
            try {
                // First, so that a field losing its focus commits to the stage it was editing.
                body.getChildren().setAll(hint);
            } finally {
                building = false;
            }
            shownId = null;
            shownOperation = null;
            refreshers.clear();
            errors.clear();
            return;
        }
        if (!stage.id().equals(shownId) || !stage.operation().equals(shownOperation)) {
            build(stage);
        }
        refresh();
    }

    private void refresh() {
        Stage stage = current();
        if (stage == null) {
            return;
        }
        refreshing = true;
        try {
            refreshers.forEach(Runnable::run);
            errors.values().forEach(l -> l.setText(""));
            Operation op = model.registry().find(stage.operation()).orElse(null);
            if (op != null) {
                for (SpecProblem p : PipelineSpecs.checkParams(op, stage.params(), "params")) {
                    String key = p.place().startsWith("params.") ? p.place().substring(7) : "";
                    error(errors.containsKey(key) ? key : "", p.message());
                }
            } else {
                error("", "unknown operation '" + stage.operation() + "'");
            }
            if (PipelineSpecs.parsePolicy(stage.onError()) == null) {
                error("onError", "expected skip, fail or retry:N");
            }
        } finally {
            refreshing = false;
        }
    }

    private void error(String key, String message) {
        Label l = errors.get(key);
        if (l != null) {
            l.setText(l.getText().isEmpty() ? message : l.getText() + "\n" + message);
        }
    }

    private Stage current() {
        return shownId == null ? null : model.stage(shownId).orElse(null);
    }

    private void build(Stage stage) {
        building = true;
        try {
            // First, so that a field losing its focus commits to the stage it was editing.
            body.getChildren().clear();
            buildEditors(model.stage(stage.id()).orElse(stage));
        } finally {
            building = false;
        }
    }

    private void buildEditors(Stage stage) {
        shownId = stage.id();
        shownOperation = stage.operation();
        refreshers.clear();
        errors.clear();
        Operation op = model.registry().find(stage.operation()).orElse(null);
        Label title = new Label(op == null ? stage.operation() : op.title(), new FontIcon(NodeView.icon(op == null ? "" : op.category())));
        title.getStyleClass().add("inspector-title");
        Label about = new Label(op == null ? "" : op.description() + "\n" + op.input().key() + " → "
                + (op.output() == DataType.SAME ? "same type" : op.output().key()));
        about.setWrapText(true);
        about.getStyleClass().add("text-muted");
        body.getChildren().addAll(title, about, errorLabel(""));

        String id = stage.id();
        TextField idField = new TextField(id);
        idField.setId("inspector-id");
        commitOn(idField, text -> {
            String why = model.rename(id, text);
            if (why != null) {
                errors.get("id").setText(why);
                idField.setText(id);
            } else if (!text.strip().equals(id) && !building) {
                renamed.accept(text.strip());
            }
        });
        row("Id", "unique in the pipeline; edges name it", idField, "id");

        Spinner<Integer> workers = new Spinner<>(1, PipelineSpecs.MAX_WORKERS, Math.max(1, stage.workers()));
        workers.setEditable(true);
        workers.setId("inspector-workers");
        workers.valueProperty().addListener((o, a, b) -> edit(id, s -> new Stage(s.id(), s.operation(), b, s.params(),
                s.onError(), s.timeoutMillis(), s.x(), s.y())));
        refreshers.add(() -> value(workers, current() == null ? 1 : Math.max(1, current().workers())));
        row("Workers", "items handled at once", workers, "workers");

        ComboBox<String> policy = new ComboBox<>();
        policy.getItems().addAll("skip", "fail", "retry:1", "retry:3");
        policy.setEditable(true);
        policy.setId("inspector-on-error");
        policy.setMaxWidth(Double.MAX_VALUE);
        policy.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                edit(id, s -> new Stage(s.id(), s.operation(), s.workers(), s.params(), b.strip(), s.timeoutMillis(), s.x(), s.y()));
            }
        });
        refreshers.add(() -> {
            if (current() != null && !policy.isFocused()) {
                policy.setValue(current().onError());
            }
        });
        row("On error", "skip the item, fail the run, or retry:N times", policy, "onError");

        Spinner<Long> timeout = new Spinner<>(new LongFactory(0, PipelineSpecs.MAX_TIMEOUT_MILLIS, stage.timeoutMillis(), 500));
        timeout.setEditable(true);
        timeout.setId("inspector-timeout");
        timeout.valueProperty().addListener((o, a, b) -> edit(id, s -> new Stage(s.id(), s.operation(), s.workers(),
                s.params(), s.onError(), b == null ? 0 : b, s.x(), s.y())));
        refreshers.add(() -> value(timeout, current() == null ? 0L : current().timeoutMillis()));
        row("Timeout (ms)", "the longest one item may take; 0 for no limit", timeout, "timeoutMillis");

        if (op != null && !op.parameters().isEmpty()) {
            Label params = new Label("Parameters");
            params.getStyleClass().add("inspector-section");
            body.getChildren().add(params);
            for (Parameter p : op.parameters()) {
                row(p.name() + (p.required() ? " *" : ""), p.description(), editor(stage.id(), p), p.name());
            }
        }
    }

    private Node editor(String stageId, Parameter p) {
        String id = "inspector-param-" + p.name();
        return switch (p.kind()) {
            case BOOLEAN -> {
                CheckBox box = new CheckBox(p.description());
                box.setId(id);
                box.selectedProperty().addListener((o, a, b) -> param(stageId, p.name(), b));
                refreshers.add(() -> box.setSelected(Boolean.parseBoolean(text(p))));
                yield box;
            }
            case CHOICE -> {
                ChoiceBox<String> choice = new ChoiceBox<>();
                choice.getItems().addAll(p.choices());
                choice.setId(id);
                choice.valueProperty().addListener((o, a, b) -> param(stageId, p.name(), b));
                refreshers.add(() -> choice.setValue(text(p)));
                yield choice;
            }
            case INTEGER -> {
                Spinner<Long> spinner = new Spinner<>(new LongFactory(p.min(), p.max(), number(p), 1));
                spinner.setEditable(true);
                spinner.setId(id);
                spinner.setMaxWidth(Double.MAX_VALUE);
                spinner.valueProperty().addListener((o, a, b) -> param(stageId, p.name(), b));
                refreshers.add(() -> value(spinner, number(p)));
                yield spinner;
            }
            case LIST -> {
                TextField f = textEditor(id, p, v -> param(stageId, p.name(), Arrays.stream(v.split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList()));
                f.setPromptText("comma separated" + (p.defaultValue() == null || p.defaultValue().isEmpty() ? ""
                        : "; default " + p.defaultValue()));
                yield f;
            }
            case PATH -> {
                TextField f = textEditor(id, p, v -> param(stageId, p.name(), v.strip()));
                Button browse = new Button(null, new FontIcon(Material2AL.FOLDER_OPEN));
                browse.setTooltip(new Tooltip("Choose a folder"));
                browse.setOnAction(e -> {
                    DirectoryChooser chooser = new DirectoryChooser();
                    chooser.setTitle(p.description());
                    File dir = chooser.showDialog(getScene().getWindow());
                    if (dir != null) {
                        param(stageId, p.name(), dir.toString());
                    }
                });
                HBox.setHgrow(f, Priority.ALWAYS);
                HBox box = new HBox(4, f, browse);
                box.setAlignment(Pos.CENTER_LEFT);
                yield box;
            }
            default -> textEditor(id, p, v -> param(stageId, p.name(), v));
        };
    }

    private TextField textEditor(String id, Parameter p, Consumer<String> commit) {
        TextField f = new TextField();
        f.setId(id);
        if (p.defaultValue() != null && !p.defaultValue().isEmpty()) {
            f.setPromptText("default " + p.defaultValue());
        }
        commitOn(f, commit);
        refreshers.add(() -> {
            if (!f.isFocused()) {
                Stage s = current();
                Object v = s == null ? null : s.params().get(p.name());
                f.setText(v == null ? "" : v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                        : String.valueOf(v));
            }
        });
        return f;
    }

    /** A value's text, or its default. */
    private String text(Parameter p) {
        Stage s = current();
        Object v = s == null ? null : s.params().get(p.name());
        return v != null ? String.valueOf(v) : p.defaultValue() == null ? "" : p.defaultValue();
    }

    private long number(Parameter p) {
        try {
            return Long.parseLong(text(p).strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void param(String stageId, String name, Object value) {
        if (!refreshing) {
            model.setParam(stageId, name, value);
        }
    }

    private void edit(String stageId, UnaryOperator<Stage> change) {
        if (!refreshing) {
            model.updateStage(stageId, change);
        }
    }

    private static <T> void value(Spinner<T> spinner, T value) {
        if (!spinner.getEditor().isFocused() || !value.equals(spinner.getValue())) {
            spinner.getValueFactory().setValue(value);
        }
    }

    private static void commitOn(TextField f, Consumer<String> commit) {
        f.setOnAction(e -> commit.accept(f.getText()));
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit.accept(f.getText());
            }
        });
    }

    private void row(String name, String tip, Node editor, String key) {
        Label label = new Label(name);
        label.getStyleClass().add("inspector-label");
        label.setTooltip(new Tooltip(tip));
        if (editor instanceof Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
            c.setTooltip(new Tooltip(tip));
        }
        body.getChildren().add(new VBox(3, label, editor, errorLabel(key)));
    }

    private Label errorLabel(String key) {
        Label l = new Label();
        l.setId("inspector-error-" + (key.isEmpty() ? "stage" : key));
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        errors.put(key, l);
        return l;
    }

    /** A spinner over whole numbers as long as a long. */
    static final class LongFactory extends SpinnerValueFactory<Long> {
        private final long min;
        private final long max;
        private final long step;

        LongFactory(long min, long max, long initial, long step) {
            this.min = min;
            this.max = max;
            this.step = step;
            setConverter(new StringConverter<>() {
                @Override
                public String toString(Long v) {
                    return v == null ? "" : v.toString();
                }

                @Override
                public Long fromString(String s) {
                    try {
                        return Math.clamp(Long.parseLong(s.strip().replace(",", "").replace("_", "")), min, max);
                    } catch (NumberFormatException e) {
                        return getValue();
                    }
                }
            });
            setValue(Math.clamp(initial, min, max));
        }

        @Override
        public void decrement(int steps) {
            long v = getValue() == null ? 0 : getValue();
            long d = (long) steps * step;
            setValue(v < min + d ? min : v - d);
        }

        @Override
        public void increment(int steps) {
            long v = getValue() == null ? 0 : getValue();
            long d = (long) steps * step;
            setValue(v > max - d ? max : v + d);
        }
    }
}
