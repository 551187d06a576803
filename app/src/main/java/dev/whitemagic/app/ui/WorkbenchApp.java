package dev.whitemagic.app.ui;

import dev.whitemagic.app.diagnostics.TimingProbe;
import dev.whitemagic.app.files.Recipes;
import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.settings.SettingsStore;
import dev.whitemagic.app.ui.common.UiTasks;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The workbench window. {@link #open} hands it the engine; JavaFX constructs the instance. */
public final class WorkbenchApp extends Application {

    private static WhiteMagicEngine engine;
    private static SettingsStore store;
    private static Settings settings;

    private Workbench workbench;

    /** Opens the window and returns when it is closed. */
    public static void open(WhiteMagicEngine engine, SettingsStore store, Settings settings) {
        WorkbenchApp.engine = Objects.requireNonNull(engine);
        WorkbenchApp.store = Objects.requireNonNull(store);
        WorkbenchApp.settings = Objects.requireNonNull(settings);
        Application.launch(WorkbenchApp.class);
    }

    /** For tests: the same wiring without {@link Application#launch}. */
    public static void prepare(WhiteMagicEngine engine, SettingsStore store, Settings settings) {
        Recipes.register(engine);
        WorkbenchApp.engine = engine;
        WorkbenchApp.store = store;
        WorkbenchApp.settings = settings;
    }

    @Override
    public void start(Stage stage) {
        workbench = new Workbench(engine, settings, this::save);
        store.warning().ifPresent(workbench::say);
        Scene scene = new Scene(workbench, settings.windowWidth, settings.windowHeight);
        workbench.installShortcuts(scene);
        stage.setScene(scene);
        stage.setTitle("WhiteMagic Workbench");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        var icon = WorkbenchApp.class.getResourceAsStream("/icons/whitemagic.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        place(stage);
        stage.setOnCloseRequest(e -> remember(stage));
        stage.show();
        workbench.start();
        if (TimingProbe.enabled()) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                // The pulse that laid out the first frame also renders it; report right after.
                Platform.runLater(TimingProbe::firstFrame);
            };
            scene.addPostLayoutPulseListener(once[0]);
        }
    }

    private static void place(Stage stage) {
        if (settings.windowX != null && settings.windowY != null) {
            Rectangle2D bounds = new Rectangle2D(settings.windowX, settings.windowY,
                    Math.max(1, settings.windowWidth), Math.max(1, settings.windowHeight));
            // Only where the window is still on a screen: monitors come and go.
            if (!Screen.getScreensForRectangle(bounds).isEmpty()) {
                stage.setX(settings.windowX);
                stage.setY(settings.windowY);
            }
        }
        stage.setMaximized(settings.windowMaximized);
    }

    private void remember(Stage stage) {
        settings.windowMaximized = stage.isMaximized();
        if (!stage.isMaximized()) {
            settings.windowX = stage.getX();
            settings.windowY = stage.getY();
            settings.windowWidth = stage.getWidth();
            settings.windowHeight = stage.getHeight();
        }
        save();
    }

    private void save() {
        Settings copy = settings.copy();
        UiTasks.run(() -> store.save(copy),
                e -> workbench.say("Settings were not saved: " + e.getMessage()));
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.stop();
        }
        UiTasks.drain(2_000);
    }

    /** The workbench of the running window, for tests. */
    public Workbench workbench() {
        return workbench;
    }
}
