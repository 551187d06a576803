package dev.whitemagic.app.ui.memory;

import atlantafx.base.controls.ToggleSwitch;
import dev.whitemagic.app.ui.common.PaneView;
import dev.whitemagic.app.ui.common.Refresh;
import dev.whitemagic.app.ui.common.UiTasks;
import dev.whitemagic.app.ui.memory.MemoryViewModel.Chip;
import dev.whitemagic.app.ui.memory.MemoryViewModel.Row;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.memory.MemoryType;
import dev.whitemagic.engine.memory.SearchHit;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextFlow;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Memory pane: several queries at once as chips, filters, ranked results with highlighted
 * previews, an editor with a rendered preview, import by drag and drop.
 */
public final class MemoryView implements PaneView {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final MemoryViewModel model;
    private final VBox root;
    private final FlowPane chipBox = new FlowPane(6, 6);
    private boolean loaded;
    /** Another process (a CLI import, an MCP server) may change the store: look now and then while shown. */
    private final Timeline watch;

    public MemoryView(WhiteMagicEngine engine) {
        this.model = new MemoryViewModel(engine::memory, engine.home(), engine.ioExecutor(), new MemoryViewModel.Runner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<T> done,
                    Consumer<Exception> failed) {
                UiTasks.supply(work, done, failed);
            }

            @Override
            public <T> void job(String name, String kind, Callable<T> work,
                    Function<? super T, String> summary, Consumer<T> done,
                    Consumer<Exception> failed) {
                UiTasks.job(engine, name, kind, kind.equals("search") ? TaskPriority.HIGH : TaskPriority.NORMAL, work,
                        summary, done, failed);
            }
        });

        watch = new Timeline(new KeyFrame(Refresh.STORE_WATCH, e -> model.refreshIfChangedElsewhere()));
        watch.setCycleCount(Animation.INDEFINITE);

        Label heading = new Label("Memory");
        heading.getStyleClass().add("title-2");
        Label where = new Label();
        where.getStyleClass().add("text-muted");
        where.textProperty().bind(model.storeNameProperty().map(s -> "Notes in " + s + " — drop markdown files here to import them"));

        TextField query = new TextField();
        query.setId("memory-query");
        query.setPromptText("Search: type a query and press Enter; add several to search them at once");
        HBox.setHgrow(query, Priority.ALWAYS);
        query.setOnAction(e -> {
            model.addQuery(query.getText());
            query.clear();
        });
        ToggleSwitch dedupe = new ToggleSwitch("Merge results");
        dedupe.setId("memory-dedupe");
        dedupe.setTooltip(new Tooltip("Show each memory once, with its best score and the queries that found it"));
        dedupe.selectedProperty().bindBidirectional(model.dedupeProperty());
        dedupe.selectedProperty().addListener((o, a, b) -> model.search());
        ComboBox<MemoryType> type = new ComboBox<>();
        type.setId("memory-type");
        type.getItems().add(null);
        type.getItems().addAll(MemoryType.values());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(MemoryType t) {
                return t == null ? "All types" : t.folder().replace('_', '-');
            }

            @Override
            public MemoryType fromString(String s) {
                return null;
            }
        });
        type.valueProperty().bindBidirectional(model.typeProperty());
        type.valueProperty().addListener((o, a, b) -> model.search());
        TextField tags = new TextField();
        tags.setId("memory-tags");
        tags.setPromptText("tags (all of them)");
        tags.setPrefWidth(150);
        tags.textProperty().bindBidirectional(model.tagsProperty());
        tags.setOnAction(e -> model.search());
        Button importButton = new Button("Import…", new FontIcon(Material2AL.FILE_UPLOAD));
        importButton.setOnAction(e -> chooseImport());
        Button consolidate = new Button("Consolidate…", new FontIcon(Material2AL.CALL_MERGE));
        consolidate.setId("memory-consolidate");
        consolidate.setOnAction(e -> {
            ConsolidationDialog dialog = new ConsolidationDialog(model);
            dialog.initOwner(consolidateOwner());
            dialog.show();
        });
        Button openFolder = new Button("Open WhiteMagic folder…", new FontIcon(Material2AL.FOLDER_OPEN));
        openFolder.setOnAction(e -> chooseFolder());
        HBox searchRow = new HBox(8, query, dedupe, type, tags);
        searchRow.setAlignment(Pos.CENTER_LEFT);
        chipBox.setId("memory-chips");
        model.chips().addListener((ListChangeListener<Chip>) c -> renderChips());

        ListView<Row> results = new ListView<>(model.rows());
        results.setId("memory-results");
        results.setCellFactory(v -> new ResultCell());
        Label empty = new Label();
        empty.textProperty().bind(model.emptyTextProperty());
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.setTextAlignment(TextAlignment.CENTER);
        Button samples = new Button("Open the sample notes", new FontIcon(Material2AL.LIBRARY_BOOKS));
        samples.setId("memory-open-samples");
        samples.setTooltip(new Tooltip("50 example notes, opened from a folder of their own in the data directory"));
        samples.visibleProperty().bind(model.samplesOfferedProperty());
        samples.managedProperty().bind(samples.visibleProperty());
        samples.setOnAction(e -> model.openSamples());
        VBox placeholder = new VBox(10, empty, samples);
        placeholder.setAlignment(Pos.CENTER);
        placeholder.setPadding(new Insets(16));
        results.setPlaceholder(placeholder);
        results.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                model.open(row.id());
            }
        });

        SplitPane split = new SplitPane(results, editor());
        split.setDividerPositions(0.45);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label message = new Label();
        message.setId("memory-message");
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("text-muted");

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, new VBox(2, heading, where), gap, importButton, consolidate, openFolder);
        header.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(10, header, searchRow, chipBox, split, message);
        root.setPadding(new Insets(20, 24, 16, 24));
        root.setId("memory");
        root.getProperties().put(MemoryView.class, this);
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                model.importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        root.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.S) {
                model.save();
                e.consume();
            } else if (e.isShortcutDown() && e.getCode() == KeyCode.N) {
                model.newMemory();
                e.consume();
            }
        });
    }

    private Node editor() {
        TextField title = new TextField();
        title.setId("memory-edit-title");
        title.setPromptText("Title");
        title.textProperty().bindBidirectional(model.editTitleProperty());
        title.getStyleClass().add("title-field");
        TextField tags = new TextField();
        tags.setId("memory-edit-tags");
        tags.setPromptText("tags, comma separated");
        tags.textProperty().bindBidirectional(model.editTagsProperty());
        TextArea body = new TextArea();
        body.setId("memory-edit-body");
        body.setWrapText(true);
        body.textProperty().bindBidirectional(model.editBodyProperty());
        TextFlow rendered = new TextFlow();
        rendered.setId("memory-preview");
        rendered.setPadding(new Insets(8));
        ScrollPane renderedScroll = new ScrollPane(rendered);
        renderedScroll.setFitToWidth(true);
        Tab edit = new Tab("Write", body);
        Tab preview = new Tab("Preview", renderedScroll);
        preview.setOnSelectionChanged(e -> {
            if (preview.isSelected()) {
                rendered.getChildren().setAll(Markdown.render(model.editBodyProperty().get()));
            }
        });
        TabPane tabs = new TabPane(edit, preview);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        Button fresh = new Button("New", new FontIcon(Material2AL.ADD));
        fresh.setId("memory-new");
        fresh.setTooltip(new Tooltip("A new memory (Ctrl+N)"));
        fresh.setOnAction(e -> model.newMemory());
        Button save = new Button("Save", new FontIcon(Material2MZ.SAVE));
        save.setId("memory-save");
        save.getStyleClass().add("accent");
        save.setTooltip(new Tooltip("Save (Ctrl+S)"));
        save.setOnAction(e -> model.save());
        Button archive = new Button("Archive", new FontIcon(Material2AL.ARCHIVE));
        archive.setId("memory-archive");
        archive.disableProperty().bind(model.editIdProperty().isNull());
        archive.setOnAction(e -> model.delete(false));
        Button delete = new Button("Delete", new FontIcon(Material2AL.DELETE));
        delete.setId("memory-delete");
        delete.getStyleClass().add("danger");
        delete.disableProperty().bind(model.editIdProperty().isNull());
        delete.setOnAction(e -> {
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                    "Delete “" + model.editTitleProperty().get() + "” for good? Archive keeps it.", ButtonType.CANCEL,
                    ButtonType.OK);
            confirm.setHeaderText("Delete this memory?");
            confirm.initOwner(root.getScene().getWindow());
            confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.delete(true));
        });
        Label info = new Label();
        info.textProperty().bind(model.editInfoProperty());
        info.getStyleClass().add("text-muted");
        HBox buttons = new HBox(8, fresh, save, archive, delete);
        VBox box = new VBox(8, title, tags, info, tabs, buttons);
        box.setPadding(new Insets(0, 0, 0, 10));
        return box;
    }

    private void renderChips() {
        chipBox.getChildren().clear();
        for (Chip chip : model.chips()) {
            Label text = new Label(chip.query() + (chip.hits() >= 0 ? "  " + chip.hits() : ""));
            Button remove = new Button(null, new FontIcon(Material2AL.CLOSE));
            remove.getStyleClass().addAll("flat", "small");
            remove.setOnAction(e -> model.removeQuery(chip.query()));
            HBox box = new HBox(2, text, remove);
            box.setAlignment(Pos.CENTER_LEFT);
            box.getStyleClass().add("chip");
            box.setId("chip-" + chip.query());
            chipBox.getChildren().add(box);
        }
    }

    /** A result: title, what it is, the highlighted preview, which queries found it. */
    private static final class ResultCell extends ListCell<Row> {
        @Override
        protected void updateItem(Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(row.title());
            title.getStyleClass().add("result-title");
            String meta = row.type().folder().replace('_', '-') + " · " + DAY.format(row.created())
                    + (row.tags().isEmpty() ? "" : " · " + String.join(", ", row.tags()))
                    + (row.score() > 0 ? String.format(Locale.ROOT, " · score %.2f", row.score()) : "");
            Label info = new Label(meta);
            info.getStyleClass().add("text-muted");
            TextFlow preview = highlighted(row.preview());
            // Wrap within the list: a long preview must not push a horizontal scroll bar in.
            if (getListView() != null) {
                preview.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
                preview.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            }
            VBox box = new VBox(3, title, info, preview);
            box.setPadding(new Insets(4, 0, 6, 0));
            if (!row.queries().isEmpty()) {
                Label by = new Label("found by: " + String.join(", ", row.queries()));
                by.getStyleClass().addAll("text-muted", "found-by");
                box.getChildren().add(by);
            }
            setText(null);
            setGraphic(box);
        }
    }

    /** The preview with the matched words (between « and ») in bold. */
    static TextFlow highlighted(String preview) {
        TextFlow flow = new TextFlow();
        String text = preview.replace('\n', ' ');
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf(SearchHit.MARK_OPEN, at);
            int close = open < 0 ? -1 : text.indexOf(SearchHit.MARK_CLOSE, open);
            if (open < 0 || close < 0) {
                flow.getChildren().add(new Text(text.substring(at)));
                break;
            }
            flow.getChildren().add(new Text(text.substring(at, open)));
            Text match = new Text(text.substring(open + 1, close));
            match.getStyleClass().add("match");
            flow.getChildren().add(match);
            at = close + 1;
        }
        flow.getStyleClass().add("result-preview");
        return flow;
    }

    private void chooseImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import markdown files");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Markdown", "*.md"));
        List<File> files = chooser.showOpenMultipleDialog(root.getScene().getWindow());
        if (files != null) {
            model.importFiles(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a WhiteMagic folder (the data folder, or its memory folder)");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            model.openFolder(dir.toPath());
        }
    }

    private Window consolidateOwner() {
        return root.getScene().getWindow();
    }

    /** For tests and drops: imports these files and folders. */
    void importFiles(List<Path> paths) {
        model.importFiles(paths);
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        if (!loaded) {
            loaded = true;
            model.search();
        }
        watch.play();
    }

    @Override
    public void hidden() {
        watch.stop();
    }
}
