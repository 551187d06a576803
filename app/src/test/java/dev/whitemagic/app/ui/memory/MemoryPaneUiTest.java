package dev.whitemagic.app.ui.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.ui.WorkbenchFixture;
import dev.whitemagic.app.ui.memory.MemoryViewModel.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Memory pane on a real store, driven headless: import, search with chips, edit, save. */
class MemoryPaneUiTest {

    @TempDir
    Path home;

    @TempDir
    Path notes;

    private WorkbenchFixture fixture;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(notes.resolve("deploy.md"),
                "---\ntitle: Deploy checklist\ntags: ops, decision\ncreated: 2025-01-01T12:00:00Z\n---\nRun the smoke tests before each deployment.\n");
        Files.writeString(notes.resolve("bug.md"),
                "---\ntitle: Cache bug\ntags: [\"bug\"]\ncreated: 2025-02-01T12:00:00\n---\nA deployment race in the cache, fixed with a lock.\n");
        Files.writeString(notes.resolve("idea.md"), "---\ntitle: Feature idea\n---\nA dashboard for frequency.\n");
        fixture = WorkbenchFixture.start(home, s -> s.lastPane = "memory");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void import_search_edit_save() throws Exception {
        MemoryView view = (MemoryView) robot.lookup("#memory").queryAs(Node.class).getProperties().get(MemoryView.class);
        @SuppressWarnings("unchecked")
        ListView<Row> results = robot.lookup("#memory-results").queryAs(ListView.class);
        robot.interact(() -> view.importFiles(List.of(notes)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 3);
        assertThat(robot.lookup("#memory-message").queryAs(Label.class).getText()).contains("3 imported, 0 skipped, 0 failed");

        robot.clickOn("#memory-query").write("deployment").type(KeyCode.ENTER);
        robot.clickOn("#memory-query").write("lock").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 2
                && results.getItems().stream().anyMatch(r -> r.queries().size() == 2));
        Row bug = results.getItems().stream().filter(r -> r.title().equals("Cache bug")).findFirst().orElseThrow();
        assertThat(bug.queries()).containsExactlyInAnyOrder("deployment", "lock");
        assertThat(bug.preview()).contains("«");
        FlowPane chips = robot.lookup("#memory-chips").queryAs(FlowPane.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> chipText(chips).equals(List.of("deployment  2", "lock  1")));
        // The import and the searches ran as jobs of the engine's queue.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.engine.scheduler().getTasks().stream()
                .anyMatch(t -> t.name().equals("search: deployment, lock") && t.status().isFinal()));
        assertThat(fixture.engine.scheduler().getTasks())
                .extracting(t -> t.kind() + " | " + t.name() + " | " + t.status() + " | " + t.resultSummary())
                .contains("import | import " + notes.getFileName() + " | COMPLETED | 3 imported, 0 skipped, 0 failed",
                        "search | search: deployment | COMPLETED | 2 memories found",
                        "search | search: deployment, lock | COMPLETED | 2 memories found");

        robot.interact(() -> results.getSelectionModel().select(bug));
        TextField title = robot.lookup("#memory-edit-title").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Cache bug".equals(title.getText()));
        assertThat(robot.lookup("#memory-edit-tags").queryAs(TextField.class).getText()).isEqualTo("bug");
        // A picture of the pane at work, for people to look at.
        javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(() -> dev.whitemagic.app.ui.PaneSnapshot.snapshot(
                robot.lookup("#memory").queryAs(Node.class).getScene().getRoot())).get(10, TimeUnit.SECONDS);
        dev.whitemagic.app.ui.PaneSnapshot.write(image, Path.of("target", "snapshots", "memory-search.png"));
        robot.doubleClickOn(title).eraseText(20).write("Cache race fixed");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> memoryFiles().stream().anyMatch(f -> read(f).contains("title: Cache race fixed")));

        // A new memory from the editor.
        robot.clickOn("#memory-new");
        robot.clickOn("#memory-edit-title").write("Fresh note");
        robot.clickOn("#memory-edit-body").write("Written in the pane.");
        robot.clickOn("#memory-save");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> memoryFiles().stream().anyMatch(f -> read(f).contains("title: Fresh note")));
        assertThat(memoryFiles()).hasSize(4);
    }

    @Test
    void consolidateDialog_plansGroups_andApplyMergesThem() throws Exception {
        String body = "the quick brown fox jumps over the lazy dog near the river bank every single morning\n";
        Files.writeString(notes.resolve("fox1.md"), "---\ntitle: River fox\n---\n" + body);
        Files.writeString(notes.resolve("fox2.md"), "---\ntitle: River fox\n---\n" + body);
        MemoryView view = (MemoryView) robot.lookup("#memory").queryAs(Node.class).getProperties().get(MemoryView.class);
        @SuppressWarnings("unchecked")
        ListView<Row> results = robot.lookup("#memory-results").queryAs(ListView.class);
        robot.interact(() -> view.importFiles(List.of(notes)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 5);

        robot.clickOn("#memory-consolidate");
        robot.clickOn("#consolidate-plan");
        @SuppressWarnings("unchecked")
        ListView<dev.whitemagic.engine.memory.ConsolidationGroup> groups =
                robot.lookup("#consolidate-groups").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> groups.getItems().size() == 1);
        assertThat(groups.getItems().getFirst().titles()).containsExactly("River fox", "River fox");
        assertThat(memoryFiles()).hasSize(5); // a plan changes nothing
        robot.clickOn("Apply");
        // The two are merged into one; the originals move to the archive.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 4);
        try (Stream<Path> archived = Files.list(home.resolve("memory/archive"))) {
            assertThat(archived.filter(p -> p.toString().endsWith(".md"))).hasSize(2);
        }
    }

    /** A CLI process adds a memory while the pane is open: it shows up without the user searching again. */
    @Test
    void anotherProcessAddsAMemory_thePaneShowsIt() throws Exception {
        @SuppressWarnings("unchecked")
        ListView<Row> results = robot.lookup("#memory-results").queryAs(ListView.class);
        WaitForAsyncUtils.waitForFxEvents();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "dev.whitemagic.app.Main", "--home", home.toString(), "memory", "add", "-t", "From another process",
                "--content", "written by the CLI while the window was open")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> results.getItems().stream().anyMatch(r -> r.title().equals("From another process")));
    }

    /** An empty store offers the sample notes; they open from a folder of their own, the store stays empty. */
    @Test
    void emptyStore_offersTheSampleNotes_andOpensThem() throws Exception {
        @SuppressWarnings("unchecked")
        ListView<Row> results = robot.lookup("#memory-results").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#memory-open-samples").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#memory-open-samples");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> results.getItems().size() == 47); // 3 of 50 are archived
        assertThat(robot.lookup("#memory-message").queryAs(Label.class).getText()).contains("samples").contains("50 memories");
        assertThat(fixture.engine.memory().size()).isZero();
    }

    private static List<String> chipText(FlowPane chips) {
        return chips.getChildren().stream().map(n -> ((Label) ((HBox) n).getChildren().getFirst()).getText()).toList();
    }

    private List<Path> memoryFiles() throws Exception {
        try (Stream<Path> s = Files.walk(home.resolve("memory"))) {
            return s.filter(p -> p.toString().endsWith(".md")).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
