package dev.whitemagic.app.ui;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.settings.SettingsStore;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Application;
import org.testfx.api.FxToolkit;

/**
 * The real workbench window on a real engine, started headless for a TestFX test. Thresholds of
 * 100 % cannot be exceeded, so the tiers shown never depend on how busy the test machine is.
 */
public final class WorkbenchFixture implements AutoCloseable {

    public final WhiteMagicEngine engine;
    public final SettingsStore store;
    private final Application app;

    private WorkbenchFixture(WhiteMagicEngine engine, SettingsStore store, Application app) {
        this.engine = engine;
        this.store = store;
        this.app = app;
    }

    /** Starts the window on {@code home}; {@code settings} may adjust what it remembers first. */
    public static WorkbenchFixture start(Path home, Consumer<Settings> settings) throws Exception {
        SettingsStore store = new SettingsStore(home);
        Settings s = store.load();
        s.cpuThreshold = 100;
        s.memoryThreshold = 100;
        settings.accept(s);
        WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).cpuThreshold(100).memoryThreshold(100).build();
        WorkbenchApp.prepare(engine, store, s);
        FxToolkit.registerPrimaryStage();
        return new WorkbenchFixture(engine, store, FxToolkit.setupApplication(WorkbenchApp.class));
    }

    @Override
    public void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        engine.close();
    }
}
