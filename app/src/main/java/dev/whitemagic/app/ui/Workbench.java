package dev.whitemagic.app.ui;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.ui.common.EmptyState;
import dev.whitemagic.app.ui.common.PaneView;
import dev.whitemagic.app.files.EngineFilesService;
import dev.whitemagic.app.ui.dashboard.DashboardView;
import dev.whitemagic.app.ui.files.FilesView;
import dev.whitemagic.app.ui.memory.MemoryView;
import dev.whitemagic.app.ui.pipeline.PipelineView;
import dev.whitemagic.app.ui.scheduler.SchedulerView;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The workbench's content: sidebar, the current pane, status bar. The same node serves the real
 * window and {@code whitemagic snapshot}.
 */
public final class Workbench extends BorderPane {

    /** The application stylesheet, on top of the AtlantaFX theme. */
    public static final String STYLESHEET =
            Objects.requireNonNull(Workbench.class.getResource("workbench.css")).toExternalForm();

    private final WhiteMagicEngine engine;
    private final Settings settings;
    private final Runnable settingsChanged;
    private final Map<WorkbenchPane, PaneView> views = new EnumMap<>(WorkbenchPane.class);
    private final Map<WorkbenchPane, ToggleButton> navigation = new EnumMap<>(WorkbenchPane.class);
    private final ToggleGroup group = new ToggleGroup();
    private final StackPane content = new StackPane();
    private final StatusBar statusBar;
    private final ToggleSwitch darkSwitch = new ToggleSwitch("Dark theme");
    private WorkbenchPane current;

    /**
     * @param settingsChanged called on the FX thread after the workbench changed {@code settings}
     *                        (theme, last pane, thresholds); the caller saves them
     */
    public Workbench(WhiteMagicEngine engine, Settings settings, Runnable settingsChanged) {
        this.engine = engine;
        this.settings = settings;
        this.settingsChanged = settingsChanged;
        this.statusBar = new StatusBar(engine);
        getStyleClass().add("workbench");
        getStylesheets().add(STYLESHEET);
        content.getStyleClass().add("pane-content");
        setLeft(sidebar());
        setCenter(content);
        setBottom(statusBar);
        applyTheme(settings.isDark());
        darkSwitch.setSelected(settings.isDark());
        darkSwitch.selectedProperty().addListener((obs, was, dark) -> {
            applyTheme(dark);
            settings.theme = dark ? "dark" : "light";
            settingsChanged.run();
        });
        show(WorkbenchPane.byId(settings.lastPane).orElse(WorkbenchPane.DASHBOARD));
    }

    private Node sidebar() {
        Label title = new Label("WhiteMagic");
        title.getStyleClass().addAll("title-3", "app-title");
        Label subtitle = new Label("Workbench");
        subtitle.getStyleClass().addAll("text-muted", "app-subtitle");
        VBox box = new VBox(2, title, subtitle);
        box.setPadding(new Insets(4, 8, 16, 8));
        VBox bar = new VBox(4, box);
        int index = 1;
        for (WorkbenchPane pane : WorkbenchPane.values()) {
            ToggleButton item = new ToggleButton(pane.title(), new FontIcon(pane.icon()));
            item.setId("nav-" + pane.id());
            item.setToggleGroup(group);
            item.getStyleClass().add("nav-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setTooltip(new Tooltip(pane.title() + " (Ctrl+" + index++ + ")"));
            item.setOnAction(e -> show(pane));
            navigation.put(pane, item);
            bar.getChildren().add(item);
        }
        // A toggle group lets the user unselect the current item; keep one selected.
        group.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null && was != null) {
                was.setSelected(true);
            }
        });
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        darkSwitch.setId("theme-switch");
        darkSwitch.setTooltip(new Tooltip("Light or dark theme (Ctrl+Shift+D)"));
        bar.getChildren().addAll(spacer, darkSwitch);
        bar.getStyleClass().add("sidebar");
        bar.setPadding(new Insets(14, 10, 14, 10));
        bar.setPrefWidth(190);
        return bar;
    }

    /** Shows {@code pane}, creating it on first use, and remembers it as the last pane. */
    public void show(WorkbenchPane pane) {
        if (pane == current) {
            navigation.get(pane).setSelected(true);
            return;
        }
        if (current != null) {
            views.get(current).hidden();
        }
        PaneView view = views.computeIfAbsent(pane, this::create);
        content.getChildren().setAll(view.node());
        navigation.get(pane).setSelected(true);
        current = pane;
        view.shown();
        if (!pane.id().equals(settings.lastPane)) {
            settings.lastPane = pane.id();
            settingsChanged.run();
        }
    }

    private PaneView create(WorkbenchPane pane) {
        if (pane == WorkbenchPane.DASHBOARD) {
            return new DashboardView(engine, settings, settingsChanged);
        }
        if (pane == WorkbenchPane.FILES) {
            return new FilesView(new EngineFilesService(engine));
        }
        if (pane == WorkbenchPane.MEMORY) {
            return new MemoryView(engine);
        }
        if (pane == WorkbenchPane.SCHEDULER) {
            return new SchedulerView(engine, this::show);
        }
        if (pane == WorkbenchPane.PIPELINE) {
            return new PipelineView(engine);
        }
        EmptyState empty = new EmptyState(pane.icon(), pane.title(), pane.placeholder());
        empty.setId("empty-" + pane.id());
        return () -> empty;
    }

    public WorkbenchPane current() {
        return current;
    }

    /** Switches between PrimerLight and PrimerDark. The theme is process-wide in JavaFX. */
    public void setDark(boolean dark) {
        darkSwitch.setSelected(dark);
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        getStyleClass().removeAll("theme-dark", "theme-light");
        getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    /** Ctrl+1 … Ctrl+5 for the panes, Ctrl+Shift+D for the theme. */
    public void installShortcuts(Scene scene) {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        WorkbenchPane[] panes = WorkbenchPane.values();
        for (int i = 0; i < panes.length; i++) {
            WorkbenchPane pane = panes[i];
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> show(pane));
        }
        scene.getAccelerators().put(
                new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> darkSwitch.setSelected(!darkSwitch.isSelected()));
    }

    /** Starts the live parts (status bar, the shown pane). */
    public void start() {
        statusBar.start();
        if (current != null) {
            views.get(current).shown();
        }
    }

    /** Stops every timeline; called when the window closes. */
    public void stop() {
        statusBar.stop();
        views.values().forEach(PaneView::hidden);
    }

    /** Puts a line of text in the status bar. */
    public void say(String text) {
        statusBar.say(text);
    }
}
