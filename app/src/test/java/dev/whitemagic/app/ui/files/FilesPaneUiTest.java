package dev.whitemagic.app.ui.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.files.FilesService.FileRow;
import dev.whitemagic.app.files.FilesService.HitRow;
import dev.whitemagic.app.ui.WorkbenchFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Files pane on the real engine and real files, driven headless. */
class FilesPaneUiTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    private WorkbenchFixture fixture;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(folder.resolve("alpha.txt"), "one\nthe needle is here\nthree\n");
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/beta.md"), "no match\nneedle again\nand a Needle\n");
        Files.writeString(folder.resolve("gamma.txt"), "nothing to see\n");
        Files.writeString(folder.resolve(".hidden.txt"), "needle but hidden\n");
        Files.writeString(folder.resolve(".gitignore"), "ignored.txt\n");
        Files.writeString(folder.resolve("ignored.txt"), "needle but ignored\n");
        fixture = WorkbenchFixture.start(home, s -> s.lastPane = "files");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void loadFolder_read_grep_showsHitsAndPreview() throws Exception {
        FilesView view = (FilesView) robot.lookup("#files").queryAs(javafx.scene.Node.class).getProperties()
                .get(FilesView.class);
        robot.interact(() -> view.add(List.of(folder)));
        Label sources = robot.lookup("#files-sources").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sources.getText().equals("1 folder, 0 files added"));

        robot.clickOn("#files-start");
        @SuppressWarnings("unchecked")
        TableView<FileRow> table = robot.lookup("#files-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#files-progress-text").queryAs(Label.class).getText().startsWith("Done"));
        // Hidden files and .gitignore'd ones are left out by default.
        assertThat(table.getItems()).extracting(r -> folder.relativize(r.path()).toString())
                .containsExactlyInAnyOrder("alpha.txt", "sub/beta.md", "gamma.txt");
        assertThat(table.getItems()).allMatch(FileRow::ok);

        robot.clickOn("#tab-grep");
        robot.clickOn("#grep-pattern").write("needle");
        robot.clickOn("#grep-run");
        @SuppressWarnings("unchecked")
        TableView<HitRow> hits = robot.lookup("#grep-hits").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> hits.getItems().size() == 2);
        assertThat(hits.getItems()).extracting(h -> folder.relativize(h.path()) + ":" + h.line() + ":" + h.text())
                .containsExactlyInAnyOrder("alpha.txt:2:the needle is here", "sub/beta.md:2:needle again");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#tools-status").queryAs(Label.class).getText().startsWith("2 matching lines in 2"));

        // Clicking a hit shows that line in the preview.
        HitRow beta = hits.getItems().stream().filter(h -> h.path().endsWith("beta.md")).findFirst().orElseThrow();
        robot.interact(() -> hits.getSelectionModel().select(beta));
        TextArea preview = robot.lookup("#files-preview").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "needle again".equals(preview.getSelectedText()));

        // -i finds the capitalised one too.
        robot.clickOn("#grep-ignore-case");
        robot.clickOn("#grep-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> hits.getItems().size() == 3);

        // Every run went through the engine's job queue, so the Scheduler pane shows it.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fixture.engine.scheduler().getTasks().stream()
                .filter(t -> t.status().isFinal()).count() == 3);
        assertThat(fixture.engine.scheduler().getTasks())
                .extracting(t -> t.kind() + " " + t.status() + " " + t.resultSummary())
                .containsExactly("read COMPLETED 3 files, 0.0 MB",
                        "grep COMPLETED 2 matching lines in 3 files", "grep COMPLETED 3 matching lines in 3 files");

        // A picture of the pane at work, for people to look at.
        javafx.scene.image.WritableImage image = WaitForAsyncUtils.asyncFx(
                () -> dev.whitemagic.app.ui.PaneSnapshot.snapshot(robot.lookup("#files").queryAs(javafx.scene.Node.class)
                        .getScene().getRoot())).get(10, TimeUnit.SECONDS);
        dev.whitemagic.app.ui.PaneSnapshot.write(image, Path.of("target", "snapshots", "files-grep.png"));
    }

    /** Before: the Words and Similar tools dropped a file they could not read without a word. */
    @Test
    void wordsAndSimilar_aFileGoneSinceTheRead_areSaidInTheStatus() throws Exception {
        readTheFolder();
        Files.delete(folder.resolve("gamma.txt"));
        Label status = robot.lookup("#tools-status").queryAs(Label.class);

        robot.clickOn("#tab-words");
        robot.clickOn("#words-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().contains("could not be read"));
        assertThat(status.getText()).contains("1 file could not be read").contains("gamma.txt");

        robot.clickOn("#tab-similar");
        robot.clickOn("#similar-text").write("needle");
        robot.clickOn("#similar-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> status.getText().contains("most similar") && status.getText().contains("could not be read"));
        assertThat(status.getText()).contains("1 file could not be read").contains("gamma.txt");
    }

    @Test
    void aReadWaitingInThePausedQueue_saysSo_andRunsOnResume() throws Exception {
        FilesView view = (FilesView) robot.lookup("#files").queryAs(javafx.scene.Node.class).getProperties()
                .get(FilesView.class);
        robot.interact(() -> view.add(List.of(folder)));
        Label sources = robot.lookup("#files-sources").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sources.getText().equals("1 folder, 0 files added"));
        fixture.engine.scheduler().pause();

        robot.clickOn("#files-start");
        Label progress = robot.lookup("#files-progress-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> progress.getText().equals("Queued (3 files): the job queue is paused"));

        fixture.engine.scheduler().resume();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> progress.getText().startsWith("Done: 3 / 3 files"));
    }

    @Test
    void invalidRegex_isAMessage_notACrash() throws Exception {
        readTheFolder();
        robot.clickOn("#tab-grep");
        robot.clickOn("#grep-pattern").write("(unclosed");
        robot.clickOn("#grep-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#tools-status").queryAs(Label.class).getText()).containsIgnoringCase("missing")
                .doesNotContain("Exception");
        assertThat(robot.lookup("#grep-pattern").queryAs(TextField.class).getText()).isEqualTo("(unclosed");
    }

    /** Adds the test folder to the Files pane and reads it to the end. */
    private void readTheFolder() throws Exception {
        FilesView view = (FilesView) robot.lookup("#files").queryAs(javafx.scene.Node.class).getProperties()
                .get(FilesView.class);
        robot.interact(() -> view.add(List.of(folder)));
        robot.clickOn("#files-start");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#files-progress-text").queryAs(Label.class).getText().startsWith("Done"));
    }
}
