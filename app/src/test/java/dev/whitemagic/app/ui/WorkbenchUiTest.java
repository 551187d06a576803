package dev.whitemagic.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.settings.SettingsStore;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import dev.whitemagic.engine.adaptive.TierDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real window headless (Monocle) and drives it as a person would. */
class WorkbenchUiTest {

    @TempDir
    Path home;

    private WorkbenchFixture fixture;
    private WhiteMagicEngine engine;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        fixture = WorkbenchFixture.start(home, s -> s.lastPane = "files");
        engine = fixture.engine;
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void opensOnTheLastPane_andVisitsEveryPane() {
        assertThat(robot.lookup("#files").tryQuery()).isPresent();
        for (WorkbenchPane pane : WorkbenchPane.values()) {
            robot.clickOn("#nav-" + pane.id());
            WaitForAsyncUtils.waitForFxEvents();
            if (pane == WorkbenchPane.DASHBOARD) {
                assertThat(robot.lookup("#dashboard").tryQuery()).isPresent();
                assertThat(robot.lookup("#tile-cpu").tryQuery()).isPresent();
            } else if (pane == WorkbenchPane.MEMORY) {
                assertThat(robot.lookup("#memory-results").tryQuery()).isPresent();
                assertThat(robot.lookup("#memory-query").tryQuery()).isPresent();
            } else if (pane == WorkbenchPane.PIPELINE) {
                assertThat(robot.lookup("#pipeline-canvas").tryQuery()).isPresent();
                assertThat(robot.lookup("#pipeline-palette").tryQuery()).isPresent();
            } else if (pane == WorkbenchPane.FILES) {
                assertThat(robot.lookup("#files-table").tryQuery()).isPresent();
                assertThat(robot.lookup("#files-start").tryQuery()).isPresent();
            } else if (pane == WorkbenchPane.SCHEDULER) {
                assertThat(robot.lookup("#scheduler-table").tryQuery()).isPresent();
                assertThat(robot.lookup("#load-generate").tryQuery()).isPresent();
            } else {
                Node empty = robot.lookup("#empty-" + pane.id()).query();
                assertThat(empty.isVisible()).isTrue();
                assertThat(robot.lookup(".empty-state-text").queryAs(Label.class).getText()).contains("nothing here runs yet");
            }
        }
    }

    @Test
    void shortcuts_switchPanes() {
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT5).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#dashboard").tryQuery()).isPresent();
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#scheduler").tryQuery()).isPresent();
    }

    @Test
    void whatIfSliders_showTheRecommendation_andDecideLogsIt() {
        robot.clickOn("#nav-dashboard");
        Label answer = robot.lookup("#whatif-tier").queryAs(Label.class);
        assertThat(answer.getText()).isEqualTo("TIER_3 · 64 threads");

        Slider tasks = robot.lookup("#whatif-tasks").queryAs(Slider.class);
        Slider complexity = robot.lookup("#whatif-complexity").queryAs(Slider.class);
        robot.clickOn(tasks).type(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tasks.getValue()).isEqualTo(tasks.getMax());
        // The complexity slider was not moved by the click on the task slider.
        assertThat(answer.getText()).isEqualTo(complexity.getValue() > 75 ? "TIER_4 · 128 threads"
                : complexity.getValue() < 25 ? "TIER_5 · 256 threads" : "TIER_5 · 256 threads");

        robot.clickOn(complexity).type(KeyCode.END);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(answer.getText()).isEqualTo("TIER_4 · 128 threads");
        assertThat(robot.lookup("#whatif-reason").queryAs(Label.class).getText()).contains("complexity 100 > 75");
        assertThat(robot.lookup("#whatif-pool").queryAs(Label.class).getText()).isEqualTo("I/O 128 at once · CPU " + Runtime.getRuntime().availableProcessors() + " (one per core)");

        robot.clickOn(tasks).type(KeyCode.HOME);
        robot.clickOn(complexity).type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(answer.getText()).isEqualTo("TIER_1 · 16 threads");

        // Dragging the task slider to the right raises the task count; the label follows the engine.
        robot.drag(tasks.lookup(".thumb")).moveBy(200, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int dragged = (int) tasks.getValue();
        assertThat(dragged).isPositive();
        ThreadingTier expected = engine.adaptive().evaluate(dragged, (int) complexity.getValue()).tier();
        assertThat(answer.getText()).startsWith(expected.name());

        robot.clickOn(complexity).type(KeyCode.END);
        robot.clickOn(tasks).type(KeyCode.END);
        // The Decide button sits below the fold: scroll down as a person would.
        ScrollPane dashboard = robot.lookup("#dashboard").queryAs(ScrollPane.class);
        robot.interact(() -> dashboard.setVvalue(dashboard.getVmax()));
        robot.clickOn("#whatif-apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(engine.adaptive().currentTier()).isEqualTo(ThreadingTier.TIER_4);
        @SuppressWarnings("unchecked")
        TableView<TierDecision> log = robot.lookup("#decision-log").queryAs(TableView.class);
        assertThat(log.getItems()).isNotEmpty();
        assertThat(log.getItems().getFirst().tier()).isEqualTo(ThreadingTier.TIER_4);
        assertThat(robot.lookup("#current-tier").queryAs(Label.class).getText()).isEqualTo("TIER_4");
    }

    @Test
    void thresholds_editedByHand_applyAndAreRemembered_badInputIsIgnored() throws Exception {
        robot.clickOn("#nav-dashboard");
        ScrollPane dashboard = robot.lookup("#dashboard").queryAs(ScrollPane.class);
        robot.interact(() -> dashboard.setVvalue(dashboard.getVmax()));
        @SuppressWarnings("unchecked")
        Spinner<Double> cpu = robot.lookup("#cpu-threshold").queryAs(Spinner.class);
        robot.doubleClickOn(cpu.getEditor()).eraseText(5).write("abc").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(cpu.getValue()).isEqualTo(100.0);
        assertThat(cpu.getEditor().getText()).isEqualTo("100");
        assertThat(engine.adaptive().cpuThreshold()).isEqualTo(100.0);

        robot.doubleClickOn(cpu.getEditor()).eraseText(5).write("70").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(engine.adaptive().cpuThreshold()).isEqualTo(70.0);
        Path file = home.resolve("whitemagic.json");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> Files.exists(file) && new SettingsStore(home).load().cpuThreshold == 70.0);
    }

    @Test
    void decisionsMadeElsewhere_reachTheLog() throws Exception {
        robot.clickOn("#nav-dashboard");
        engine.adaptive().recommendTier(20, 50);
        @SuppressWarnings("unchecked")
        TableView<TierDecision> log = robot.lookup("#decision-log").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !log.getItems().isEmpty());
        assertThat(log.getItems().getFirst().tier()).isEqualTo(ThreadingTier.TIER_1);
        assertThat(log.getItems()).hasSize(1);
    }

    @Test
    void liveFigures_fillIn_withoutBlocking() throws Exception {
        robot.clickOn("#nav-dashboard");
        Label cpu = robot.lookup("#tile-cpu-value").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cpu.getText().endsWith("%"));
        Label status = robot.lookup("#status-cpu").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().matches("CPU \\d+ %"));
        assertThat(robot.lookup("#status-tier").queryAs(Label.class).getText()).isEqualTo("TIER_3 · 64 threads");
    }

    @Test
    void statusBar_countsTheJobsOfTheEnginesQueue() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        var jobs = engine.scheduler();
        jobs.setMaxConcurrent(1);
        long blocker = jobs.addTask(dev.whitemagic.engine.scheduler.TaskSpec.of("hold", ctx -> {
            release.await();
            return null;
        }).build());
        jobs.addTask("after", () -> "x", dev.whitemagic.engine.scheduler.TaskPriority.NORMAL);
        Label tasks = robot.lookup("#status-tasks").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tasks.getText().equals("1 job running, 1 queued"));

        release.countDown();
        jobs.completion(blocker).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tasks.getText().equals("0 jobs running"));
    }

    @Test
    void themeSwitch_changesTheme_andIsRemembered() throws Exception {
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("primer-light");
        robot.clickOn("#theme-switch");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("primer-dark");
        Path file = home.resolve("whitemagic.json");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> Files.exists(file) && Files.readString(file).contains("\"dark\""));
        assertThat(new SettingsStore(home).load().theme).isEqualTo("dark");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).containsIgnoringCase("primer-light");
    }

    @Test
    void closingTheWindow_remembersSizeAndPane() throws Exception {
        robot.clickOn("#nav-pipeline");
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        robot.interact(() -> {
            stage.setWidth(1111);
            stage.setHeight(777);
            stage.getOnCloseRequest().handle(null);
        });
        Path file = home.resolve("whitemagic.json");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> Files.exists(file) && Files.readString(file).contains("1111"));
        Settings saved = new SettingsStore(home).load();
        assertThat(saved.lastPane).isEqualTo("pipeline");
        assertThat(saved.windowWidth).isEqualTo(1111);
        assertThat(saved.windowHeight).isEqualTo(777);
    }
}
