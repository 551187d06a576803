package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.app.ui.common.EmptyState;
import dev.whitemagic.app.ui.common.PaneView;
import dev.whitemagic.app.ui.common.ToolbarButton;
import dev.whitemagic.app.ui.common.UiTasks;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.pipeline.PipelineJobs;
import dev.whitemagic.engine.pipeline.PipelineResult;
import dev.whitemagic.engine.pipeline.PipelineSnapshot;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import dev.whitemagic.engine.pipeline.SpecProblem;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Pipeline pane: a palette of operations, the canvas, an inspector for the selected stage,
 * the problems of the whole pipeline, and runs with live figures on every stage.
 */
public final class PipelineView implements PaneView {

    /** How often a running pipeline's newest snapshot is drawn. */
    static final Duration FEED = Duration.millis(150);
    static final String STYLESHEET =
            Objects.requireNonNull(PipelineView.class.getResource("pipeline.css")).toExternalForm();

    private final WhiteMagicEngine engine;
    private final EditorModel model;
    private final StackPane root = new StackPane();
    private final PipelineCanvas canvas;
    private final Inspector inspector;
    private final ResultsPanel bottom;
    private final Samples samples;
    private final TextField input = new TextField();
    private final Label message = new Label();
    private final Label summary = new Label();
    private final Label document = new Label();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final Button undo = new Button(null, new FontIcon(Material2MZ.UNDO));
    private final Button redo = new Button(null, new FontIcon(Material2MZ.REDO));
    private final Timeline timeline;
    private final PipelineFiles files;
    private RunSession session;
    private boolean cancelRequested;
    private boolean visible;

    public PipelineView(WhiteMagicEngine engine) {
        this(engine, OperationRegistry.load());
    }

    PipelineView(WhiteMagicEngine engine, OperationRegistry registry) {
        this.engine = engine;
        this.model = new EditorModel(registry);
        this.files = new PipelineFiles(this);
        this.samples = new Samples(this::openSample);

        Pane overlay = new Pane();
        overlay.setMouseTransparent(true);
        overlay.setPickOnBounds(false);

        EmptyState empty = new EmptyState(Material2AL.ACCOUNT_TREE, "An empty canvas",
                "Drag an operation from the palette onto the canvas, or double-click it. Connect stages by "
                        + "dragging from an output port (right) to an input port (left).");
        empty.setId("pipeline-empty");
        empty.getChildren().add(samples.offer());
        empty.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);

        canvas = new PipelineCanvas(model, empty, this::say, this::warn);
        canvas.setOnPathsDropped(this::setInput);
        inspector = new Inspector(model, canvas::selectOnly);
        bottom = new ResultsPanel(p -> model.stageOf(p).ifPresent(canvas::reveal), this::say);
        Palette palette = new Palette(registry.all(), canvas::addOperation, canvas::dropOperation, overlay);

        palette.setMinWidth(190);
        ScrollPane inspectorScroll = new ScrollPane(inspector);
        inspectorScroll.setMinWidth(230);
        inspectorScroll.setFitToWidth(true);
        inspectorScroll.getStyleClass().add("edge-to-edge");
        SplitPane centre = new SplitPane(canvas, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.72);
        SplitPane main = new SplitPane(palette, centre, inspectorScroll);
        main.setDividerPositions(0.16, 0.79);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspectorScroll, false);
        VBox.setVgrow(main, Priority.ALWAYS);

        message.setId("pipeline-message");
        message.getStyleClass().add("pipeline-message");
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        VBox content = new VBox(10, header(), toolbar(), runBar(), message, main);
        content.setPadding(new Insets(20, 24, 16, 24));
        root.getChildren().addAll(content, overlay);
        root.setId("pipeline");
        root.getStyleClass().add("pipeline-pane");
        root.getStylesheets().add(STYLESHEET);
        root.getProperties().put(PipelineView.class, this);
        root.addEventHandler(KeyEvent.KEY_PRESSED, new PipelineShortcuts(this));

        model.addListener(this::modelChanged);
        canvas.selectionProperty().addListener((o, a, b) -> inspector.show(b));
        modelChanged();
        timeline = new Timeline(new KeyFrame(FEED, e -> drain()));
        timeline.setCycleCount(Animation.INDEFINITE);
        samples.load();
    }

    private Node header() {
        Label heading = new Label("Pipeline");
        heading.getStyleClass().add("title-2");
        document.setId("pipeline-document");
        document.getStyleClass().add("text-muted");
        return new VBox(2, heading, document);
    }

    private Node toolbar() {
        Button create = ToolbarButton.of("pipeline-new", "New", Material2AL.ADD, "A new, empty pipeline (Ctrl+N)", files::create);
        Button open = ToolbarButton.of("pipeline-open", "Open…", Material2AL.FOLDER_OPEN, "Open a pipeline file (Ctrl+O)", files::open);
        Button save = ToolbarButton.of("pipeline-save", "Save", Material2MZ.SAVE, "Save (Ctrl+S)", files::save);
        Button saveAs = ToolbarButton.of("pipeline-save-as", "Save As…", Material2MZ.SAVE_ALT, "Save to another file (Ctrl+Shift+S)",
                files::saveAs);
        undo.setId("pipeline-undo");
        undo.setTooltip(new Tooltip("Undo (Ctrl+Z)"));
        undo.setOnAction(e -> model.undo());
        redo.setId("pipeline-redo");
        redo.setTooltip(new Tooltip("Redo (Ctrl+Shift+Z or Ctrl+Y)"));
        redo.setOnAction(e -> model.redo());
        Button zoomOut = ToolbarButton.of("pipeline-zoom-out", null, Material2MZ.ZOOM_OUT, "Zoom out (Ctrl+-)", canvas::zoomOut);
        Button zoomIn = ToolbarButton.of("pipeline-zoom-in", null, Material2MZ.ZOOM_IN, "Zoom in (Ctrl+=, Ctrl+wheel)", canvas::zoomIn);
        Button reset = ToolbarButton.of("pipeline-zoom-reset", null, Material2AL.CENTER_FOCUS_STRONG,
                "The whole pipeline in view, at most 100 % (Ctrl+0)", canvas::resetView);
        Label zoom = new Label();
        zoom.setId("pipeline-zoom");
        zoom.getStyleClass().add("text-muted");
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        zoom.setPrefWidth(48);
        zoom.setAlignment(Pos.CENTER);
        zoom.textProperty().bind(canvas.zoomProperty().map(z -> Math.round(z.doubleValue() * 100) + " %"));
        HBox bar = new HBox(6, create, open, save, saveAs, samples.menu(), separator(), undo, redo, separator(), zoomOut,
                zoom, zoomIn, reset);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node runBar() {
        Label label = new Label("Input");
        label.setMinWidth(Region.USE_PREF_SIZE);
        input.setId("pipeline-input");
        input.setPromptText("A folder or file (several: separate with " + File.pathSeparator
                + "); empty: the pipeline's own input. Or drop a folder on the canvas.");
        HBox.setHgrow(input, Priority.ALWAYS);
        Button choose = ToolbarButton.of("pipeline-choose-folder", "Choose folder…", Material2AL.FOLDER, "The folder to run on",
                this::chooseFolder);
        Button run = ToolbarButton.of("pipeline-run", "Run", Material2MZ.PLAY_ARROW, "Run the pipeline (Ctrl+Enter)", this::run);
        run.getStyleClass().add("accent");
        run.disableProperty().bind(running);
        Button cancel = ToolbarButton.of("pipeline-cancel", "Cancel", Material2MZ.STOP, "Stop the run (Esc)", this::cancel);
        cancel.disableProperty().bind(running.not());
        summary.setId("pipeline-summary");
        summary.getStyleClass().add("text-muted");
        summary.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, label, input, choose, run, cancel, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Node separator() {
        Region r = new Region();
        r.getStyleClass().add("toolbar-gap");
        r.setPrefWidth(10);
        return r;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    // ---- the model -------------------------------------------------------------------------------

    private void modelChanged() {
        List<SpecProblem> problems = model.spec().stages().isEmpty() ? List.of() : model.problems();
        Set<String> problemStages = new HashSet<>();
        problems.forEach(p -> model.stageOf(p).ifPresent(problemStages::add));
        canvas.sync(problemStages);
        inspector.show(canvas.selectionProperty().get());
        bottom.showProblems(problems);
        undo.setDisable(!model.canUndo());
        redo.setDisable(!model.canRedo());
        updateDocument();
    }

    void updateDocument() {
        PipelineSpec spec = model.spec();
        Path file = files.file();
        document.setText(spec.name() + " · " + spec.stages().size() + (spec.stages().size() == 1 ? " stage" : " stages")
                + " · " + (file == null ? "not saved yet" : file + (model.isDirty() ? " (changed)" : "")));
    }

    PipelineFiles files() {
        return files;
    }

    EditorModel model() {
        return model;
    }

    PipelineCanvas canvas() {
        return canvas;
    }

    ResultsPanel bottom() {
        return bottom;
    }

    Node rootNode() {
        return root;
    }

    /** Shows a pipeline that was opened: the history starts over. */
    void load(PipelineSpec spec) {
        model.reset(spec);
        canvas.clearSelection();
        canvas.clearStats();
        bottom.showRun(List.of(), 0, List.of());
        summary.setText("");
        if (!spec.input().isEmpty() && input.getText().isBlank()) {
            input.setText(String.join(File.pathSeparator, spec.input()));
        }
        canvas.resetView();
        updateDocument();
    }

    private void openSample(Samples.Sample sample) {
        if (files.confirmDiscard()) {
            files.forget();
            load(sample.spec());
            say("Opened the sample \"" + sample.spec().name() + "\": " + sample.spec().description());
        }
    }

    /** A line for people above the canvas; empty hides it. */
    void say(String text) {
        message.getStyleClass().remove("warning");
        message.setText(text == null ? "" : text);
    }

    /** A line about something that did not work. */
    void warn(String text) {
        say(text);
        message.getStyleClass().add("warning");
    }

    private void setInput(List<Path> paths) {
        if (!paths.isEmpty()) {
            input.setText(String.join(File.pathSeparator, paths.stream().map(Path::toString).toList()));
            say("Input set to " + input.getText() + " — Run with Ctrl+Enter");
        }
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The folder the pipeline runs on");
        File dir = chooser.showDialog(root.getScene().getWindow());
        if (dir != null) {
            setInput(List.of(dir.toPath()));
        }
    }

    // ---- running ---------------------------------------------------------------------------------

    void run() {
        if (running.get()) {
            return;
        }
        List<SpecProblem> problems = model.problems();
        if (!problems.isEmpty()) {
            warn("Fix " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " before running: " + problems.getFirst());
            bottom.selectProblems();
            return;
        }
        PipelineSpec spec = model.spec();
        List<String> given = Arrays.stream(input.getText().split(Pattern.quote(File.pathSeparator)))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        // The Run button is about to be disabled: keep the keyboard on the canvas (Esc cancels).
        canvas.focusCanvas();
        running.set(true);
        cancelRequested = false;
        canvas.clearStats();
        bottom.showRun(List.of(), 0, List.of());
        summary.setText("Starting…");
        say("");
        timeline.play();
        UiTasks.supply(() -> RunSession.start(engine, spec, model.registry(), given), started -> {
            session = started;
            if (cancelRequested) {
                started.cancel();
            }
            summary.setText("Running…");
            started.outcome().whenComplete((outcome, error) -> Platform.runLater(() -> finish(started, outcome, error)));
        }, e -> {
            running.set(false);
            summary.setText("");
            warn("Cannot run: " + e.getMessage());
        });
    }

    void cancel() {
        if (!running.get()) {
            return;
        }
        cancelRequested = true;
        summary.setText("Cancelling…");
        if (session != null) {
            session.cancel();
        }
    }

    private void drain() {
        RunSession s = session;
        if (s == null) {
            if (!running.get() && !visible) {
                timeline.stop();
            }
            return;
        }
        PipelineSnapshot snapshot = s.takeSnapshot();
        if (snapshot != null) {
            canvas.showStats(snapshot);
            if (running.get() && !cancelRequested) {
                summary.setText(String.format(Locale.ROOT, "Running · %.1f s", snapshot.elapsed().toMillis() / 1000.0));
            }
        }
    }

    private void finish(RunSession finished, RunSession.Outcome outcome, Throwable error) {
        if (session != finished) {
            return;
        }
        drain();
        session = null;
        if (!visible) {
            timeline.stop();
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            boolean cancelled = cause instanceof CancellationException;
            summary.setText(cancelled ? "Cancelled" : "Failed");
            warn(cancelled ? "The run was cancelled before it started." : "The run failed: " + cause.getMessage());
            running.set(false);
            return;
        }
        try {
            showOutcome(outcome);
        } finally {
            running.set(false); // last: whoever watches it sees the outcome already shown
        }
    }

    private void showOutcome(RunSession.Outcome outcome) {
        PipelineResult r = outcome.result();
        if (outcome.last() != null) {
            canvas.showStats(outcome.last());
        }
        canvas.showResult(r);
        bottom.showRun(outcome.rows(), outcome.totalRows(), r.errors());
        bottom.selectResults(outcome.rows().isEmpty() && !r.errors().isEmpty());
        String shown = outcome.totalRows() > outcome.rows().size()
                ? String.format(Locale.ROOT, " · first %,d results shown", outcome.rows().size()) : "";
        summary.setText(PipelineJobs.summary(r) + shown);
        if (!r.success()) {
            warn("The run did not finish: " + r.error());
        }
    }

    BooleanProperty runningProperty() {
        return running;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        visible = true;
        timeline.play();
    }

    @Override
    public void hidden() {
        visible = false;
        // Keep drawing while a run goes on: the figures must be current when the pane comes back.
        if (!running.get()) {
            timeline.stop();
        }
    }
}
