package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.scheduler.LoadGenerator.Work;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** A small form that adds M synthetic jobs; the adding runs off the FX thread. */
final class LoadGeneratorForm extends VBox {

    private final SchedulerViewModel model;
    final ChoiceBox<Work> work = new ChoiceBox<>();
    final Spinner<Integer> count = new Spinner<>(1, 1_000_000, 20, 10);
    final Spinner<Integer> millis = new Spinner<>(0, 600_000, 200, 50);
    final ChoiceBox<TaskPriority> priority = new ChoiceBox<>();
    final TextField folder = new TextField();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);

    LoadGeneratorForm(SchedulerViewModel model) {
        this.model = model;
        setId("load-generator");
        getStyleClass().add("load-generator");
        setSpacing(10);
        setPadding(new Insets(12, 14, 12, 14));

        work.getItems().setAll(Work.values());
        work.setValue(Work.SLEEP);
        work.setId("load-work");
        count.setEditable(true);
        count.setId("load-count");
        count.setPrefWidth(110);
        millis.setEditable(true);
        millis.setId("load-millis");
        millis.setPrefWidth(110);
        priority.getItems().setAll(TaskPriority.values());
        priority.setValue(TaskPriority.NORMAL);
        priority.setConverter(new StringConverter<>() {
            @Override
            public String toString(TaskPriority p) {
                return p == null ? "" : SchedulerFormat.state(p);
            }

            @Override
            public TaskPriority fromString(String s) {
                return TaskPriority.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        priority.setId("load-priority");
        folder.setId("load-folder");
        folder.setPromptText("the JDK's lib folder");
        folder.setTooltip(new Tooltip("File reads pick files under this folder (at most "
                + LoadGenerator.MAX_FILES + "); empty for the JDK's lib folder"));
        Button browse = new Button(null, new FontIcon(Material2AL.FOLDER_OPEN));
        browse.setTooltip(new Tooltip("Choose a folder"));
        browse.setOnAction(e -> chooseFolder());
        HBox folderRow = new HBox(4, folder, browse);
        HBox.setHgrow(folder, Priority.ALWAYS);
        work.valueProperty().addListener((o, a, w) -> {
            boolean files = w == Work.FILE_READ;
            millis.setDisable(files);
            folderRow.setDisable(!files);
        });
        folderRow.setDisable(true);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, label("Work"), work);
        form.addRow(1, label("Jobs"), count);
        form.addRow(2, label("Each (ms)"), millis);
        form.addRow(3, label("Priority"), priority);
        form.addRow(4, label("Folder"), folderRow);
        GridPane.setHgrow(folderRow, Priority.ALWAYS);

        Button generate = new Button("Generate", new FontIcon(Material2MZ.PLAY_ARROW));
        generate.setId("load-generate");
        generate.getStyleClass().add("accent");
        generate.setTooltip(new Tooltip("Add the jobs to the queue (Ctrl+G)"));
        generate.disableProperty().bind(busy);
        generate.setOnAction(e -> generate());
        Label hint = new Label("Set a low limit (or pause) to watch priorities order the queue.");
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        HBox actions = new HBox(8, generate);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(form, actions, hint);
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** Adds the jobs the form describes. */
    void generate() {
        if (busy.get()) {
            return;
        }
        LoadGenerator.Spec spec;
        try {
            commit(count);
            commit(millis);
            String dir = folder.getText() == null ? "" : folder.getText().strip();
            spec = new LoadGenerator.Spec(work.getValue(), count.getValue(), millis.getValue(), priority.getValue(),
                    dir.isEmpty() ? null : Path.of(dir));
        } catch (RuntimeException e) {
            model.messageProperty().set("Cannot generate: " + e.getMessage());
            return;
        }
        busy.set(true);
        model.messageProperty().set("Adding " + Format.count(spec.count(), "job") + "…");
        model.async().run(() -> LoadGenerator.submit(model.scheduler(), spec), n -> {
            busy.set(false);
            model.messageProperty().set(String.format(Locale.ROOT, "Added %s of %s at %s.",
                    Format.count(n, "job"), spec.work().kind(), spec.priority().name()));
        }, e -> {
            busy.set(false);
            model.messageProperty().set("Cannot generate: " + e.getMessage());
        });
    }

    /** A typed value counts without pressing Enter; a bad one goes back to the last good value. */
    private static void commit(Spinner<Integer> spinner) {
        String text = spinner.getEditor().getText();
        try {
            spinner.getValueFactory().setValue(Integer.parseInt(text.strip().replace(",", "").replace("_", "")));
        } catch (NumberFormatException e) {
            spinner.getEditor().setText(String.valueOf(spinner.getValue()));
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Files for the load generator");
        File dir = chooser.showDialog(getScene().getWindow());
        if (dir != null) {
            folder.setText(dir.getPath());
        }
    }
}
