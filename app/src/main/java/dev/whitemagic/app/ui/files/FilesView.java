package dev.whitemagic.app.ui.files;

import dev.whitemagic.app.files.FilesService.FileRow;
import dev.whitemagic.app.files.FilesService.Workers;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.app.ui.common.PaneView;
import dev.whitemagic.app.ui.common.UiTasks;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Files pane: drop files and folders, read them as one parallel batch with live progress,
 * look at any file, and run the text tools over the batch.
 */
public final class FilesView implements PaneView {

    /** How often a running batch hands its rows to the table. */
    static final Duration FEED = Duration.millis(150);
    /** How much of a file the preview shows. */
    static final int PREVIEW_BYTES = 1 << 20;

    private final FilesViewModel model;
    private final VBox root;
    private final TableView<FileRow> table;
    private final TextArea preview = new TextArea();
    private final Label previewTitle = new Label("Select a file to see it here.");
    private final FileToolsPane tools;
    private final Timeline timeline;
    private long previewRequest;

    public FilesView(FilesService service) {
        this.model = new FilesViewModel(service);
        this.tools = new FileToolsPane(model, this::showFile);

        Label heading = new Label("Files");
        heading.getStyleClass().add("title-2");
        Label sub = new Label("Drop files or folders anywhere on this pane; folders are walked with the filters below.");
        sub.getStyleClass().add("text-muted");

        Button addFiles = new Button("Add files…", new FontIcon(Material2AL.INSERT_DRIVE_FILE));
        addFiles.setId("files-add-files");
        addFiles.setOnAction(e -> chooseFiles());
        Button addFolder = new Button("Add folder…", new FontIcon(Material2AL.FOLDER_OPEN));
        addFolder.setId("files-add-folder");
        addFolder.setOnAction(e -> chooseFolder());
        Button clear = new Button("Clear", new FontIcon(Material2AL.CLEAR_ALL));
        clear.setId("files-clear");
        clear.setOnAction(e -> {
            model.clear();
            preview.clear();
            previewTitle.setText("Select a file to see it here.");
        });
        clear.disableProperty().bind(model.runningProperty());
        Label sources = new Label();
        sources.setId("files-sources");
        sources.getStyleClass().add("text-muted");
        // Telling folders from files needs a stat per item: done off the FX thread.
        model.sources().addListener((ListChangeListener<Path>) c -> {
            List<Path> now = List.copyOf(model.sources());
            UiTasks.supply(() -> describeSources(now), sources::setText, e -> sources.setText(now.size() + " added"));
        });
        sources.setText(describeSources(List.of()));

        TextField glob = field("files-glob", "e.g. **/*.java", model.globProperty(), 150,
                "Only files whose path (relative to the dropped folder) matches this glob");
        TextField exts = field("files-extensions", "java, md", model.extensionsProperty(), 110,
                "Only these extensions (comma separated); empty for all");
        TextField size = field("files-max-size", "64 MiB", model.maxSizeProperty(), 80,
                "Files larger than this are not read (they show as errors)");
        CheckBox hidden = new CheckBox("Hidden");
        hidden.setId("files-hidden");
        hidden.selectedProperty().bindBidirectional(model.hiddenProperty());
        CheckBox ignore = new CheckBox(".gitignore");
        ignore.setId("files-ignore");
        ignore.setTooltip(new Tooltip("Honour .gitignore and .ignore files in the folders"));
        ignore.selectedProperty().bindBidirectional(model.ignoreFilesProperty());
        ComboBox<Workers> workers = new ComboBox<>();
        workers.setId("files-workers");
        workers.getItems().add(Workers.ADAPTIVE);
        workers.getItems().add(new Workers(1, null));
        for (ThreadingTier t : ThreadingTier.values()) {
            workers.getItems().add(new Workers(null, t));
        }
        workers.setConverter(new StringConverter<>() {
            @Override
            public String toString(Workers w) {
                return w == null ? "" : w.count() == null && w.tier() == null ? "Adaptive" : w.describe();
            }

            @Override
            public Workers fromString(String s) {
                return Workers.ADAPTIVE;
            }
        });
        workers.valueProperty().bindBidirectional(model.workersProperty());
        workers.setTooltip(new Tooltip("Workers: how many files are read at once (the engine's adaptive choice, or a tier)"));

        Button start = new Button("Read", new FontIcon(Material2MZ.PLAY_ARROW));
        start.setId("files-start");
        start.getStyleClass().add("accent");
        start.setTooltip(new Tooltip("Read the batch (Ctrl+Enter)"));
        start.disableProperty().bind(model.runningProperty());
        start.setOnAction(e -> startRead());
        Button cancel = new Button("Cancel", new FontIcon(Material2MZ.STOP));
        cancel.setId("files-cancel");
        cancel.setTooltip(new Tooltip("Stop the batch (Esc)"));
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());

        // (what was added is said in the progress row: this one keeps its buttons whole down to the
        // narrowest window, 900 px, where the "Workers" label gives way; the combo's tooltip says it)
        Label workersLabel = label("Workers");
        HBox addRow = new HBox(4, addFiles, addFolder, clear, spacer(), workersLabel, workers, start, cancel);
        addRow.setAlignment(Pos.CENTER_LEFT);
        workersLabel.managedProperty().bind(addRow.widthProperty().greaterThan(760));
        workersLabel.visibleProperty().bind(workersLabel.managedProperty());
        HBox.setMargin(workersLabel, new Insets(0, 4, 0, 0));
        for (Control c : List.of(addFiles, addFolder, clear, start, cancel, hidden, ignore)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        workers.setMinWidth(114); // "Adaptive" and the arrow
        HBox filters = new HBox(8, label("Glob"), glob, label("Extensions"), exts, label("Max size"), size, hidden,
                ignore);
        filters.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("files-progress");
        bar.progressProperty().bind(model.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setPrefWidth(260);
        Label progress = new Label();
        progress.setId("files-progress-text");
        progress.textProperty().bind(model.progressTextProperty());
        HBox progressRow = new HBox(10, sources, bar, progress);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("files-message");
        message.getStyleClass().add("warning-text");
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        table = resultsTable();
        preview.setEditable(false);
        preview.setId("files-preview");
        preview.getStyleClass().add("preview");
        previewTitle.getStyleClass().add("text-muted");
        VBox previewBox = new VBox(6, previewTitle, preview);
        VBox.setVgrow(preview, Priority.ALWAYS);
        SplitPane top = new SplitPane(table, previewBox);
        top.setDividerPositions(0.6);
        SplitPane main = new SplitPane(top, tools);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.55);
        VBox.setVgrow(main, Priority.ALWAYS);

        root = new VBox(10, new VBox(2, heading, sub), addRow, filters, progressRow, message, main);
        root.setPadding(new Insets(20, 24, 16, 24));
        root.setId("files");
        root.getProperties().put(FilesView.class, this);
        root.getStyleClass().add("files-pane");
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                add(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                startRead();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                model.cancel();
                tools.cancel();
                e.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> {
            if (row != null) {
                showFile(row.path(), -1);
            }
        });

        timeline = new Timeline(new KeyFrame(FEED, e -> {
            model.tick();
            tools.tick();
        }));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    private void startRead() {
        model.start(OffThread.FX);
    }

    private static String describeSources(List<Path> added) {
        long folders = added.stream().filter(Files::isDirectory).count();
        long files = added.size() - folders;
        if (added.isEmpty()) {
            return "Nothing added yet.";
        }
        return String.format(Locale.ROOT, "%d folder%s, %d file%s added", folders, folders == 1 ? "" : "s", files,
                files == 1 ? "" : "s");
    }

    private TableView<FileRow> resultsTable() {
        TableView<FileRow> t = new TableView<>(model.rows());
        t.setId("files-table");
        TableColumn<FileRow, String> path = pathColumn("Path", 380, FileRow::path);
        TableColumn<FileRow, String> size = column("Size", 80, r -> Format.bytes(r.size()));
        TableColumn<FileRow, String> status = column("Status", 200, r -> r.ok() ? r.status() : r.error());
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                FileRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("error-cell");
                if (row != null && !row.ok()) {
                    getStyleClass().add("error-cell");
                }
            }
        });
        TableColumn<FileRow, String> time = column("Time", 85,
                r -> String.format(Locale.ROOT, "%.2f ms", r.millis()));
        TableColumn<FileRow, String> charset = column("Charset", 90, FileRow::charset);
        t.getColumns().addAll(List.of(path, size, status, time, charset));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label("Drop files or folders here, or use Add files… / Add folder…, then Read.");
        placeholder.getStyleClass().add("text-muted");
        placeholder.setGraphic(new FontIcon(Material2AL.FILE_UPLOAD));
        // wrapped within the table (it was cut off where the preview leaves the table narrow)
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(TextAlignment.CENTER);
        placeholder.maxWidthProperty().bind(t.widthProperty().subtract(48));
        t.setPlaceholder(placeholder);
        t.getStyleClass().add("dense");
        return t;
    }

    static <S> TableColumn<S, String> column(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(text.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A column of paths: long ones lose their start, so the file name stays in view. */
    static <S> TableColumn<S, String> pathColumn(String title, double width, Function<S, Path> path) {
        TableColumn<S, String> c = column(title, width, r -> path.apply(r).toString());
        c.setCellFactory(col -> {
            TableCell<S, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    setTooltip(empty || item == null ? null : new Tooltip(item));
                }
            };
            cell.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            return cell;
        });
        return c;
    }

    private void chooseFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Add files to the batch");
        List<File> files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            add(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a folder to the batch");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            add(List.of(dir.toPath()));
        }
    }

    /** Adds dropped or chosen files and folders to the batch. */
    void add(List<Path> paths) {
        model.add(paths);
    }

    /** Shows {@code file} in the preview; with {@code line} ≥ 1, selects that line. */
    private void showFile(Path file, long line) {
        long request = ++previewRequest;
        previewTitle.setText(file + " — loading…");
        UiTasks.supply(() -> readHead(file), text -> {
            if (request != previewRequest) {
                return;
            }
            preview.setText(text.text());
            previewTitle.setText(file + (text.truncated() ? " — first " + Format.bytes(PREVIEW_BYTES) + " shown" : ""));
            if (line >= 1) {
                selectLine(line);
            }
        }, e -> {
            if (request == previewRequest) {
                preview.clear();
                previewTitle.setText(file + " — cannot show: " + e.getMessage());
            }
        });
    }

    private void selectLine(long line) {
        String text = preview.getText();
        int start = 0;
        for (long l = 1; l < line && start >= 0; l++) {
            start = text.indexOf('\n', start);
            start = start < 0 ? -1 : start + 1;
        }
        if (start < 0) {
            return;
        }
        int end = text.indexOf('\n', start);
        preview.selectRange(start, end < 0 ? text.length() : end);
        // Put the line a few lines below the top.
        preview.setScrollTop(Math.max(0, (line - 4) * preview.getFont().getSize() * 1.35));
    }

    record Head(String text, boolean truncated) {}

    /** The start of a file for the preview, off the FX thread. FIFOs and the like are refused. */
    static Head readHead(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(PREVIEW_BYTES + 1);
            boolean truncated = bytes.length > PREVIEW_BYTES;
            int n = Math.min(bytes.length, PREVIEW_BYTES);
            for (int i = 0; i < Math.min(n, 8192); i++) {
                if (bytes[i] == 0) {
                    return new Head("(binary file: not shown)", false);
                }
            }
            return new Head(new String(bytes, 0, n, StandardCharsets.UTF_8), truncated);
        }
    }

    private static TextField field(String id, String prompt, StringProperty value, double width,
            String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.setMinWidth(Math.min(width, 64)); // gives up room in a narrow window (the labels do not)
        f.textProperty().bindBidirectional(value);
        f.setTooltip(new Tooltip(tip));
        return f;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        timeline.play();
    }

    @Override
    public void hidden() {
        // Keep feeding while a batch runs: the rows must be complete when the pane comes back.
        if (!model.runningProperty().get() && !tools.running()) {
            timeline.stop();
        }
    }
}
