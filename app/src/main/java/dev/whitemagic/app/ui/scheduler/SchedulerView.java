package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.WorkbenchPane;
import dev.whitemagic.app.ui.common.EmptyState;
import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.app.ui.common.PaneView;
import dev.whitemagic.app.ui.common.Refresh;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.scheduler.TaskInfo;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The Scheduler pane: every job of the engine's queue, live, with cancel, run again, priority,
 * pause, clear, the concurrency limit, the selected job's details, a load generator and charts.
 */
public final class SchedulerView implements PaneView {

    /** How often queued engine events are applied to the table. */
    static final Duration FEED = Duration.millis(150);

    static final KeyCombination RERUN = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination PAUSE = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination CLEAR = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination GENERATE = new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RAISE = new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN);
    static final KeyCombination LOWER = new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN);

    /** Up to this many shown rows, a chosen sort order is kept as rows join and change. */
    static final int RESORT_LIMIT = 20_000;

    private static final String ALL_STATES = "All states";
    private static final String ALL_KINDS = "All kinds";

    private final SchedulerViewModel model;
    private final Consumer<WorkbenchPane> navigate;
    private final VBox root;
    private final JobTable table;
    private final JobDetails details;
    private final SchedulerCharts charts;
    private final LoadGeneratorForm generator;
    private final TextField search = new TextField();
    private final Label shownCount = new Label();
    private final Node emptyState;
    private final Label noMatch = new Label("No job matches the filters.");
    private final SchedulerToolbar toolbar;
    private final Tab detailsTab;
    private final TabPane side;
    private final Timeline feed;
    private final Timeline sampler;
    private final ChangeListener<TaskInfo> selectedChanged;
    private JobRow watched;

    public SchedulerView(WhiteMagicEngine engine, Consumer<WorkbenchPane> navigate) {
        this(new SchedulerViewModel(engine.scheduler(), engine.adaptive(), OffThread.FX, engine::clearFinishedJobs),
                navigate);
        LoadGenerator.registerRecipe(engine); // the pane's own jobs can run again after a restart
    }

    SchedulerView(SchedulerViewModel model, Consumer<WorkbenchPane> navigate) {
        this.model = model;
        this.navigate = navigate;
        JobTableModel jobs = model.jobs();
        table = new JobTable(jobs);
        details = new JobDetails(jobs, navigate, this::select);
        selectedChanged = (o, a, b) -> details.refresh();
        charts = new SchedulerCharts(model);
        generator = new LoadGeneratorForm(model);

        Label heading = new Label("Scheduler");
        heading.getStyleClass().add("title-2");
        Label sub = new Label("Every job of the engine's queue, live: what waits, what runs, what ended and why.");
        sub.getStyleClass().add("text-muted");

        emptyState = new EmptyState(Material2MZ.QUEUE, "No jobs yet",
                "Work started in any pane shows up here as it runs. Or add synthetic jobs with the load "
                        + "generator on the right (Ctrl+G) and watch priorities and tiers at work.");
        emptyState.setId("scheduler-empty");
        noMatch.getStyleClass().add("text-muted");
        table.setPlaceholder(emptyState);
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                model.cancel(selected());
                e.consume();
            }
        });
        ContextMenu menu = contextMenu();
        table.setOnContextMenuRequested(e -> menu.show(table, e.getScreenX(), e.getScreenY()));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> watch(row));

        Label totals = new Label();
        totals.setId("scheduler-totals");
        totals.getStyleClass().add("scheduler-totals");
        totals.textProperty().bind(model.totalsProperty());
        Label message = new Label();
        message.setId("scheduler-message");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());

        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        detailsScroll.getStyleClass().add("edge-to-edge");
        ScrollPane generatorScroll = new ScrollPane(generator);
        generatorScroll.setFitToWidth(true);
        generatorScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        generatorScroll.getStyleClass().add("edge-to-edge");
        detailsTab = new Tab("Details", detailsScroll);
        detailsTab.setId("tab-details");
        Tab generatorTab = new Tab("Load generator", generatorScroll);
        generatorTab.setId("tab-load");
        side = new TabPane(detailsTab, generatorTab);
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.getStyleClass().add("scheduler-side");
        side.setMinWidth(260);
        side.setPrefWidth(300);
        // Nothing to detail yet: open on the generator, so the empty pane offers something to do.
        side.getSelectionModel().select(jobs.size() == 0 ? generatorTab : detailsTab);
        SplitPane center = new SplitPane(table, side);
        center.setDividerPositions(0.72);
        SplitPane.setResizableWithParent(side, false);
        SplitPane main = new SplitPane(center, charts);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(charts, false);
        VBox.setVgrow(main, Priority.ALWAYS);

        toolbar = new SchedulerToolbar(model, this::selected, table.getSelectionModel().selectedItemProperty().isNull());
        root = new VBox(10, new VBox(2, heading, sub), toolbar, filters(), totals, message, main);
        root.setPadding(new Insets(20, 24, 16, 24));
        root.setId("scheduler");
        root.getStyleClass().add("scheduler-pane");
        root.getProperties().put(SchedulerView.class, this);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);

        jobs.revisionProperty().addListener((o, a, b) -> listChanged());
        listChanged();

        feed = new Timeline(new KeyFrame(FEED, e -> model.drain()));
        feed.setCycleCount(Animation.INDEFINITE);
        sampler = new Timeline(new KeyFrame(Refresh.LIVE, e -> sample()));
        sampler.setCycleCount(Animation.INDEFINITE);
    }

    private Node filters() {
        ChoiceBox<String> state = new ChoiceBox<>();
        state.setId("scheduler-state-filter");
        state.getItems().add(ALL_STATES);
        for (TaskStatus s : TaskStatus.values()) {
            state.getItems().add(SchedulerFormat.state(s));
        }
        state.setValue(ALL_STATES);
        state.valueProperty().addListener((o, a, v) -> {
            int i = state.getItems().indexOf(v);
            model.jobs().stateFilterProperty().set(i <= 0 ? null : TaskStatus.values()[i - 1]);
        });
        ChoiceBox<String> kind = new ChoiceBox<>();
        kind.setId("scheduler-kind-filter");
        kind.getItems().add(ALL_KINDS);
        kind.setValue(ALL_KINDS);
        model.jobs().kinds().addListener((ListChangeListener<String>) c -> {
            String was = kind.getValue();
            List<String> items = new ArrayList<>();
            items.add(ALL_KINDS);
            items.addAll(model.jobs().kinds());
            kind.getItems().setAll(items);
            kind.setValue(items.contains(was) ? was : ALL_KINDS);
        });
        kind.valueProperty().addListener((o, a, v) ->
                model.jobs().kindFilterProperty().set(v == null || v.equals(ALL_KINDS) ? null : v));
        search.setId("scheduler-search");
        search.setPromptText("Name, kind, error or #id (Ctrl+F)");
        search.setPrefWidth(260);
        search.setMinWidth(160);
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.textProperty().bindBidirectional(model.jobs().textFilterProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                state.setValue(ALL_STATES);
                kind.setValue(ALL_KINDS);
                table.requestFocus();
                e.consume();
            }
        });
        shownCount.setId("scheduler-shown");
        shownCount.getStyleClass().add("text-muted");
        Label stateLabel = new Label("State");
        Label kindLabel = new Label("Kind");
        state.setMinWidth(Region.USE_PREF_SIZE);
        kind.setMinWidth(120);
        shownCount.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, stateLabel, state, kindLabel, kind, search, shownCount);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private ContextMenu contextMenu() {
        MenuItem cancel = new MenuItem("Cancel", new FontIcon(Material2AL.CANCEL));
        cancel.setAccelerator(new KeyCodeCombination(KeyCode.DELETE));
        cancel.setOnAction(e -> model.cancel(selected()));
        MenuItem rerun = new MenuItem("Run again", new FontIcon(Material2MZ.REPLAY));
        rerun.setAccelerator(RERUN);
        rerun.setOnAction(e -> model.rerun(selected()));
        Menu priority = new Menu("Priority", new FontIcon(Material2AL.LOW_PRIORITY));
        for (TaskPriority p : TaskPriority.values()) {
            MenuItem item = new MenuItem(SchedulerFormat.state(p));
            item.setOnAction(e -> model.changePriority(selected(), p));
            priority.getItems().add(item);
        }
        MenuItem origin = new MenuItem("Go to the pane it came from", new FontIcon(Material2MZ.OPEN_IN_NEW));
        origin.setOnAction(e -> {
            JobRow r = table.getSelectionModel().getSelectedItem();
            if (r != null) {
                SchedulerFormat.origin(r.info().kind()).ifPresentOrElse(navigate,
                        () -> model.messageProperty().set("Job #" + r.id() + " was started here, by the load generator."));
            }
        });
        // Shown by hand rather than set on the table, so its accelerators are hints, not scene-wide keys
        // (Delete must not cancel jobs while typing in the filter).
        return new ContextMenu(cancel, rerun, priority, new SeparatorMenuItem(), origin);
    }

    private void shortcut(KeyEvent e) {
        Runnable action = null;
        if (RERUN.match(e)) {
            action = () -> model.rerun(selected());
        } else if (PAUSE.match(e)) {
            action = model::togglePause;
        } else if (CLEAR.match(e)) {
            action = model::clearFinished;
        } else if (GENERATE.match(e)) {
            action = generator::generate;
        } else if (FIND.match(e)) {
            action = search::requestFocus;
        } else if (RAISE.match(e) || LOWER.match(e)) {
            int step = RAISE.match(e) ? -1 : 1;
            action = () -> selected().stream().filter(r -> r.status() == TaskStatus.PENDING).findFirst()
                    .ifPresentOrElse(r -> {
                        int level = Math.clamp(r.info().priority().ordinal() + step, 0, TaskPriority.values().length - 1);
                        model.changePriority(selected(), TaskPriority.values()[level]);
                    }, () -> model.messageProperty().set("Only pending jobs can change priority."));
        }
        if (action != null) {
            action.run();
            e.consume();
        }
    }

    private List<JobRow> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    /** Selects job {@code id} in the table, if the filters show it. */
    void select(long id) {
        JobRow r = model.jobs().row(id);
        int at = r == null ? -1 : table.getItems().indexOf(r);
        if (at < 0) {
            model.messageProperty().set("Job #" + id + " is not in the table now (cleared or filtered out).");
            return;
        }
        table.getSelectionModel().clearAndSelect(at);
        table.scrollTo(Math.max(0, at - 3));
    }

    private void watch(JobRow row) {
        if (watched != null) {
            watched.infoProperty().removeListener(selectedChanged);
        }
        watched = row;
        if (row != null) {
            row.infoProperty().addListener(selectedChanged);
        }
        details.show(row);
        if (row != null) {
            side.getSelectionModel().select(detailsTab);
        }
    }

    private void listChanged() {
        JobTableModel jobs = model.jobs();
        // Keep a chosen order for lists small enough to sort at every batch; larger ones sort on click.
        if (!table.getSortOrder().isEmpty() && jobs.visible().size() <= RESORT_LIMIT) {
            table.sort();
        }
        shownCount.setText(jobs.visible().size() == jobs.size()
                ? Format.count(jobs.size(), "job")
                : String.format(Locale.ROOT, "showing %,d of %,d jobs", jobs.visible().size(), jobs.size()));
        table.setPlaceholder(jobs.size() == 0 ? emptyState : noMatch);
    }

    private void sample() {
        model.sample();
        charts.redraw();
        toolbar.refresh();
        if (watched != null && watched.status() == TaskStatus.RUNNING) {
            details.refresh();
        }
    }

    static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    SchedulerViewModel model() {
        return model;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void shown() {
        model.connect();
        sample();
        feed.play();
        sampler.play();
    }

    @Override
    public void hidden() {
        feed.stop();
        sampler.stop();
        model.disconnect();
    }
}
