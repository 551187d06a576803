package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.app.ui.common.UiTasks;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;

/** New, Open…, Save and Save As… of the Pipeline pane; reading and writing happen off the FX thread. */
final class PipelineFiles {

    private final PipelineView view;
    private Path file;

    PipelineFiles(PipelineView view) {
        this.view = view;
    }

    Path file() {
        return file;
    }

    void forget() {
        file = null;
    }

    /** True when there is nothing unsaved, or the person agrees to lose it. */
    boolean confirmDiscard() {
        EditorModel model = view.model();
        if (!model.isDirty() || model.spec().stages().isEmpty()) {
            return true;
        }
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "\"" + model.spec().name() + "\" has changes that are not saved.",
                discard, ButtonType.CANCEL);
        alert.setHeaderText("Discard the changes?");
        alert.initOwner(view.rootNode().getScene().getWindow());
        return alert.showAndWait().filter(b -> b == discard).isPresent();
    }

    void create() {
        if (confirmDiscard()) {
            file = null;
            view.load(EditorModel.empty());
            view.say("A new pipeline: drag operations from the palette onto the canvas.");
        }
    }

    void open() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = chooser("Open a pipeline");
        File chosen = chooser.showOpenDialog(view.rootNode().getScene().getWindow());
        if (chosen == null) {
            return;
        }
        openFrom(chosen.toPath());
    }

    /** Reads {@code path} off the FX thread and shows it. */
    void openFrom(Path path) {
        UiTasks.supply(() -> PipelineSpecs.read(path), parsed -> {
            if (parsed.spec() == null) {
                view.warn("Cannot open " + path.getFileName() + ": " + parsed.problems().stream()
                        .map(Object::toString).collect(Collectors.joining("; ")));
                return;
            }
            file = path;
            view.load(parsed.spec());
            view.say(parsed.problems().isEmpty() ? "Opened " + path
                    : "Opened " + path.getFileName() + " with problems while reading: " + parsed.problems().stream()
                            .map(Object::toString).collect(Collectors.joining("; ")));
        }, e -> view.warn("Cannot open " + path + ": " + e.getMessage()));
    }

    void save() {
        if (file == null) {
            saveAs();
        } else {
            saveTo(file);
        }
    }

    void saveAs() {
        FileChooser chooser = chooser("Save the pipeline");
        chooser.setInitialFileName(slug(view.model().spec().name()) + ".json");
        if (file != null && file.getParent() != null) {
            chooser.setInitialDirectory(file.getParent().toFile());
        }
        File chosen = chooser.showSaveDialog(view.rootNode().getScene().getWindow());
        if (chosen != null) {
            saveTo(chosen.toPath());
        }
    }

    /** Writes the pipeline to {@code target} (atomically, off the FX thread). */
    void saveTo(Path target) {
        PipelineSpec spec = view.model().spec();
        UiTasks.supply(() -> {
            PipelineSpecs.write(spec, target);
            return spec;
        }, written -> {
            file = target;
            view.model().markSaved(written);
            view.updateDocument();
            view.say("Saved " + target);
        }, e -> view.warn("Cannot save " + target + ": " + e.getMessage()));
    }

    private static FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Pipelines (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "pipeline" : s;
    }
}
