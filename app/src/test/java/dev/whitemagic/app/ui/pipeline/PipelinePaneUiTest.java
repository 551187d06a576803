package dev.whitemagic.app.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.ui.PaneSnapshot;
import dev.whitemagic.app.ui.WorkbenchFixture;
import dev.whitemagic.engine.pipeline.PipelineSnapshot;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpec.Edge;
import dev.whitemagic.engine.pipeline.PipelineSpec.Stage;
import dev.whitemagic.engine.pipeline.StageStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Pipeline pane on the real engine and real files, driven headless. */
class PipelinePaneUiTest {

    private static final Path SNAPSHOTS = Path.of("target", "snapshots");

    @TempDir
    Path home;

    @TempDir
    Path folder;

    private WorkbenchFixture fixture;
    private final FxRobot robot = new FxRobot();
    private PipelineView view;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(folder.resolve("alpha.txt"), "alpha beta gamma\n");
        Files.writeString(folder.resolve("beta.md"), "beta gamma\n");
        Files.writeString(folder.resolve("gamma.txt"), "gamma\n");
    }

    private void open(String theme) throws Exception {
        fixture = WorkbenchFixture.start(home, s -> {
            s.lastPane = "pipeline";
            s.theme = theme;
            s.windowWidth = 1400;
            s.windowHeight = 900;
        });
        view = (PipelineView) robot.lookup("#pipeline").queryAs(Node.class).getProperties().get(PipelineView.class);
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private String message() {
        return robot.lookup("#pipeline-message").queryAs(Label.class).getText();
    }

    private void snapshot(String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> PaneSnapshot.snapshot(view.rootNode().getScene().getRoot()))
                .get(10, TimeUnit.SECONDS);
        PaneSnapshot.write(image, SNAPSHOTS.resolve(name));
    }

    @Test
    void buildTwoStagesOnTheCanvas_connect_run_showsFiguresAndResults() throws Exception {
        open("light");
        assertThat(robot.lookup("#pipeline-empty").queryAs(Node.class).isVisible()).isTrue();
        snapshot("pipeline-empty-light.png");

        // One by double-click, one dragged from the palette onto the canvas.
        robot.doubleClickOn("#palette-list-files");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).containsExactly("list-files");
        robot.drag("#palette-read-file", MouseButton.PRIMARY).moveTo("#pipeline-canvas").moveBy(220, -60)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).containsExactly("list-files", "read-file");
        assertThat(robot.lookup("#pipeline-empty").queryAs(Node.class).isVisible()).isFalse();

        PipelineCanvas canvas = view.canvas();
        robot.drag(canvas.node("list-files").outPort, MouseButton.PRIMARY).dropTo(canvas.node("read-file").inPort);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().edges()).containsExactly(new Edge("list-files", "read-file"));
        assertThat(canvas.edge(new Edge("list-files", "read-file"))).isNotNull();
        assertThat(message()).isEqualTo("Connected list-files → read-file");

        // Files make paths, grep takes text: refused, with the engine's reason.
        robot.doubleClickOn("#palette-grep");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.node("grep")).isNotNull();
        robot.drag(canvas.node("list-files").outPort, MouseButton.PRIMARY).dropTo(canvas.node("grep").inPort);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message()).startsWith("Cannot connect list-files → grep: ").contains("takes text")
                .contains("makes path");
        assertThat(view.model().spec().edges()).hasSize(1);
        // grep has a required pattern: the problems list says so.
        assertThat(view.model().problems()).anySatisfy(p -> assertThat(p.place()).endsWith("params.pattern"));

        // Delete it with the keyboard; undo brings it back; delete again.
        robot.clickOn(canvas.node("grep").lookup(".node-title"));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.node("grep")).isNull();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.node("grep")).isNotNull();
        robot.clickOn(canvas.node("grep").lookup(".node-title"));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().problems()).isEmpty();
        snapshot("pipeline-two-stages-light.png");

        // Run on the folder (Ctrl+Enter).
        robot.interact(() -> robot.lookup("#pipeline-input").queryAs(javafx.scene.control.TextField.class)
                .setText(folder.toString()));
        robot.clickOn(canvas.node("read-file").lookup(".node-title"));
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        Label summary = robot.lookup("#pipeline-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.runningProperty().get()
                && summary.getText().contains("result"));
        assertThat(summary.getText()).startsWith("3 results, 0 errors");
        assertThat(canvas.node("read-file").countsText()).startsWith("in 3 · out 3 · err 0");
        assertThat(canvas.node("list-files").countsText()).startsWith("in 1 · out 3");
        assertThat(view.bottom().results().getItems()).extracting(RunSession.ResultRow::text)
                .containsExactlyInAnyOrder(folder.resolve("alpha.txt").toString(), folder.resolve("beta.md").toString(),
                        folder.resolve("gamma.txt").toString());
        assertThat(view.bottom().results().getContextMenu().getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly("Export as CSV…", "Export as JSON…");
        // The run was a job of the engine's queue, so the Scheduler pane shows it.
        assertThat(fixture.engine.scheduler().getTasks()).anySatisfy(t -> assertThat(t.kind()).isEqualTo("pipeline"));
        snapshot("pipeline-run-light.png");

        // Ctrl+C / Ctrl+V copies with fresh ids; undo takes the paste back.
        robot.clickOn(canvas.node("read-file").lookup(".node-title"));
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).contains("read-file-2");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).containsExactly("list-files", "read-file");
    }

    @Test
    void inspector_editsParameters_andShowsTheirProblemsInline() throws Exception {
        open("light");
        robot.doubleClickOn("#palette-grep");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#inspector-error-pattern").queryAs(Label.class);
        assertThat(error.getText()).startsWith("missing");
        robot.clickOn("#inspector-param-pattern").write("(unclosed").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().stage("grep").orElseThrow().params()).containsEntry("pattern", "(unclosed");
        assertThat(error.getText()).startsWith("invalid regex");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("TODO").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.getText()).isEmpty();
        robot.clickOn("#inspector-param-ignore-case");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().stage("grep").orElseThrow().params()).containsEntry("ignore-case", true);
        snapshot("pipeline-inspector-light.png");
        // Every change is one step back.
        robot.interact(() -> view.model().undo());
        assertThat(view.model().stage("grep").orElseThrow().params()).doesNotContainKey("ignore-case");

        // Renaming with Enter keeps the stage selected under its new id.
        robot.doubleClickOn("#inspector-id").write("find").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).containsExactly("find");
        assertThat(view.canvas().selectionProperty().get()).containsExactly("find");
        // A value typed and left by clicking the empty canvas is kept too.
        robot.doubleClickOn("#inspector-param-pattern").write("FIXME");
        robot.clickOn("#pipeline-canvas", MouseButton.PRIMARY);
        robot.moveBy(-200, 150).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().stage("find").orElseThrow().params()).containsEntry("pattern", "FIXME");
        assertThat(view.canvas().selectionProperty().get()).isEmpty();
        assertThat(robot.lookup("#inspector-hint").tryQuery()).isPresent();
    }

    @Test
    void sample_runsLive_thenShowsItsResults_dark() throws Exception {
        for (int i = 0; i < 60; i++) {
            Files.writeString(folder.resolve("file" + i + ".txt"), "pipelines stream items through stages ".repeat(20 + i));
        }
        open("dark");
        snapshot("pipeline-empty-dark.png");
        robot.clickOn("#sample-button-word-count");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).containsExactly("list", "read", "count", "top");
        snapshot("pipeline-sample-dark.png");

        // A slow stage makes a bottleneck to look at while the run goes on.
        robot.interact(() -> {
            PipelineSpec s = view.model().spec();
            List<Stage> stages = new ArrayList<>(s.stages());
            stages.add(2, new Stage("slow", "sleep", 2, Map.of("millis", 150L), "skip", 0, 480, 300));
            List<Edge> edges = List.of(new Edge("list", "read"), new Edge("read", "slow"), new Edge("slow", "count"),
                    new Edge("count", "top"));
            view.load(new PipelineSpec(s.schema(), s.name(), s.description(), s.input(),
                    new PipelineSpec.Options(16, false), stages, edges));
        });
        robot.interact(() -> robot.lookup("#pipeline-input").queryAs(javafx.scene.control.TextField.class)
                .setText(folder.toString()));
        robot.clickOn("#pipeline-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.canvas().node("slow").countsText().contains("out 1"));
        robot.clickOn(view.canvas().node("slow").lookup(".node-title"));
        Thread.sleep(400);
        snapshot("pipeline-running-dark.png");
        Label summary = robot.lookup("#pipeline-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.runningProperty().get());
        // One result: the merged counts, shown as one row per word.
        assertThat(summary.getText()).startsWith("1 result, 0 errors");
        assertThat(view.canvas().node("read").countsText()).startsWith("in 63 · out 63");
        assertThat(view.bottom().results().getItems()).extracting(RunSession.ResultRow::text)
                .contains("pipelines  " + String.format("%,d", (20 + 79) * 60 / 2));
        snapshot("pipeline-after-run-dark.png");

        // The sample as shipped, run on the same folder: the picture for the README.
        robot.clickOn("#pipeline-samples");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#sample-word-count").tryQuery()
                .filter(Node::isVisible).isPresent());
        robot.clickOn("#sample-word-count");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::id).containsExactly("list", "read", "count", "top");
        robot.clickOn("#pipeline-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !view.runningProperty().get()
                && summary.getText().contains("result"));
        robot.clickOn(view.canvas().node("count").lookup(".node-title"));
        WaitForAsyncUtils.waitForFxEvents();
        snapshot("pipeline-sample-after-run-dark.png");
    }

    @Test
    void rubberBand_movesTogether_oneUndo_edgeDelete_zoomKeys() throws Exception {
        open("light");
        robot.interact(() -> view.load(new PipelineSpec(PipelineSpec.SCHEMA, "Two", "", List.of(), null,
                List.of(new Stage("a", "list-files", 1, Map.of(), "skip", 0, 40, 40),
                        new Stage("b", "read-file", 4, Map.of(), "skip", 0, 320, 40)),
                List.of(new Edge("a", "b")))));
        WaitForAsyncUtils.waitForFxEvents();
        PipelineCanvas canvas = view.canvas();
        var a = canvas.node("a").localToScreen(canvas.node("a").getLayoutBounds());
        var b = canvas.node("b").localToScreen(canvas.node("b").getLayoutBounds());

        // Shift+drag on empty canvas: a rubber band around both.
        robot.moveTo(new javafx.geometry.Point2D(a.getMinX() - 15, a.getMinY() - 15));
        robot.press(KeyCode.SHIFT).press(MouseButton.PRIMARY);
        robot.moveTo(new javafx.geometry.Point2D(b.getMaxX() + 15, b.getMaxY() + 15));
        robot.release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.selectionProperty().get()).containsExactlyInAnyOrder("a", "b");

        // Dragging one moves both, as one edit.
        robot.drag(canvas.node("a").lookup(".node-title"), MouseButton.PRIMARY).moveBy(60, 40).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().stage("a").orElseThrow().x()).isCloseTo(100, org.assertj.core.data.Offset.offset(3.0));
        assertThat(view.model().stage("b").orElseThrow().y()).isCloseTo(80, org.assertj.core.data.Offset.offset(3.0));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().stage("a").orElseThrow().x()).isEqualTo(40);
        assertThat(view.model().stage("b").orElseThrow().x()).isEqualTo(320);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().stage("a").orElseThrow().x()).isCloseTo(100, org.assertj.core.data.Offset.offset(3.0));

        // Click an edge, Delete disconnects; Esc clears the selection.
        robot.clickOn(canvas.edge(new Edge("a", "b")));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().edges()).isEmpty();
        assertThat(view.model().spec().stages()).hasSize(2);

        // Zoom keys.
        double before = canvas.zoomProperty().get();
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isGreaterThan(before);
        robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isLessThan(before);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isEqualTo(1.0);

        // Ctrl+wheel zooms at the pointer; the wheel alone pans.
        var titleA = canvas.node("a").lookup(".node-title");
        robot.moveTo(titleA);
        // (which way is "up" is the robot's convention; two notches one way and two back is 100 %)
        robot.press(KeyCode.CONTROL).scroll(2, javafx.geometry.VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isNotCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
        robot.press(KeyCode.CONTROL).scroll(2, javafx.geometry.VerticalDirection.DOWN).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        double screenY = titleA.localToScreen(titleA.getLayoutBounds()).getMinY();
        robot.moveTo(titleA).scroll(3, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isEqualTo(1.0);
        assertThat(titleA.localToScreen(titleA.getLayoutBounds()).getMinY()).isNotCloseTo(screenY,
                org.assertj.core.data.Offset.offset(1.0));
        // panning moves the view, not the stages
        assertThat(view.model().stage("a").orElseThrow().x()).isCloseTo(100, org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void itemErrors_fillTheErrorsTable_andEscCancelsARun() throws Exception {
        open("light");
        // Every file is larger than 5 bytes: read-file fails each one, and the run goes on.
        robot.interact(() -> view.load(new PipelineSpec(PipelineSpec.SCHEMA, "Too small", "", List.of(), null,
                List.of(new Stage("list", "list-files", 1, Map.of(), "skip", 0, 40, 40),
                        new Stage("read", "read-file", 2, Map.of("max-size", 5L), "skip", 0, 300, 40)),
                List.of(new Edge("list", "read")))));
        robot.interact(() -> robot.lookup("#pipeline-input").queryAs(javafx.scene.control.TextField.class)
                .setText(folder.toString()));
        robot.clickOn("#pipeline-run");
        Label summary = robot.lookup("#pipeline-summary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.runningProperty().get()
                && summary.getText().contains("result"));
        assertThat(summary.getText()).startsWith("0 results, 3 errors");
        assertThat(view.canvas().node("read").countsText()).isEqualTo("in 3 · out 0 · err 3");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<dev.whitemagic.engine.pipeline.ItemError> errors =
                robot.lookup("#pipeline-errors").queryAs(javafx.scene.control.TableView.class);
        assertThat(errors.getItems()).hasSize(3).allSatisfy(e -> assertThat(e.stage()).isEqualTo("read"));
        assertThat(errors.isVisible()).as("the Errors tab is shown when there are no results").isTrue();

        // A slow run, cancelled with Esc.
        robot.interact(() -> view.load(new PipelineSpec(PipelineSpec.SCHEMA, "Slow", "", List.of(), null,
                List.of(new Stage("list", "list-files", 1, Map.of(), "skip", 0, 40, 40),
                        new Stage("slow", "sleep", 1, Map.of("millis", 3000L), "skip", 0, 300, 40)),
                List.of(new Edge("list", "slow")))));
        robot.clickOn("#pipeline-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.canvas().node("slow").countsText().startsWith("in 1"));
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !view.runningProperty().get());
        assertThat(summary.getText()).containsIgnoringCase("cancel");
        assertThat(message()).containsIgnoringCase("cancel");
    }

    @Test
    void paletteSearch_filtersByWords_andEnterAddsTheFirstMatch() throws Exception {
        open("light");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object> list = robot.lookup("#pipeline-palette-list")
                .queryAs(javafx.scene.control.ListView.class);
        robot.clickOn("#pipeline-palette-search").write("memor");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).extracting(o -> o instanceof dev.whitemagic.engine.pipeline.ops.Operation op ? op.id()
                : o.toString()).containsExactly("Memory", "create-memory", "search-memories");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).extracting(Stage::operation).containsExactly("create-memory");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("zzz");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).isEmpty();
    }

    @Test
    void save_new_open_roundTripsThePipeline() throws Exception {
        open("light");
        robot.clickOn("#sample-button-grep-to-memories");
        WaitForAsyncUtils.waitForFxEvents();
        PipelineSpec sample = view.model().spec();
        robot.interact(() -> view.model().moveBy(List.of("grep"), 0, 40));
        PipelineSpec edited = view.model().spec();
        Path file = folder.resolve("saved.json");
        robot.interact(() -> view.files().saveTo(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message().startsWith("Saved"));
        assertThat(view.model().isDirty()).isFalse();
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.model().spec().stages()).isEmpty();
        robot.interact(() -> view.files().openFrom(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.model().spec().stages().size() == 4);
        assertThat(view.model().spec().stages()).isEqualTo(edited.stages());
        assertThat(view.model().spec().edges()).isEqualTo(sample.edges());
        assertThat(view.model().canUndo()).as("a file opens with a fresh history").isFalse();
    }

    @Test
    void twoHundredStages_buildAndTakeSnapshots_inPlace() throws Exception {
        open("light");
        List<Stage> stages = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        List<StageStats> stats = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stages.add(new Stage("s" + i, i == 0 ? "list-files" : "filter", 2, Map.of(), "skip", 0, (i % 20) * 240,
                    (i / 20) * 160));
            if (i > 0) {
                edges.add(new Edge("s" + (i - 1), "s" + i));
            }
            stats.add(new StageStats("s" + i, 2, i, i, 0, 1, i % 256, 256, 10.0 * i, 1, false));
        }
        PipelineSpec big = new PipelineSpec(PipelineSpec.SCHEMA, "Big", "", List.of(), null, stages, edges);
        long[] millis = new long[3];
        robot.interact(() -> {
            long t0 = System.nanoTime();
            view.load(big);
            view.rootNode().applyCss();
            view.rootNode().getScene().getRoot().layout();
            long t1 = System.nanoTime();
            for (int k = 0; k < 10; k++) {
                view.canvas().showStats(new PipelineSnapshot(stats, Duration.ofSeconds(k), false));
            }
            long t2 = System.nanoTime();
            view.model().moveBy(List.of("s5", "s6"), 10, 10);
            long t3 = System.nanoTime();
            millis[0] = (t1 - t0) / 1_000_000;
            millis[1] = (t2 - t1) / 10_000_000;
            millis[2] = (t3 - t2) / 1_000_000;
        });
        System.out.printf("200 stages: build %d ms, one snapshot %d ms, one edit %d ms%n", millis[0], millis[1], millis[2]);
        assertThat(view.canvas().nodeCount()).isEqualTo(200);
        assertThat(view.canvas().node("s199").countsText()).startsWith("in 199 · out 199");
        assertThat(view.canvas().edge(new Edge("s198", "s199")).fillWidth()).isGreaterThan(0);
    }
}
