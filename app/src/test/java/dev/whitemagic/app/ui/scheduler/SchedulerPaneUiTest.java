package dev.whitemagic.app.ui.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.ui.PaneSnapshot;
import dev.whitemagic.app.ui.Workbench;
import dev.whitemagic.app.ui.WorkbenchFixture;
import dev.whitemagic.engine.scheduler.ParallelScheduler;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskSpec;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Scheduler pane on a real engine, driven headless as a person would. */
class SchedulerPaneUiTest {

    private static final Path SNAPSHOTS = Path.of("target", "snapshots");

    @TempDir
    Path home;

    private WorkbenchFixture fixture;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        fixture = WorkbenchFixture.start(home, s -> s.lastPane = "scheduler");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void loadGenerator_fillsTheTable_deleteCancelsAPendingJob() throws Exception {
        assertThat(robot.lookup("#scheduler-empty").queryAs(Node.class).isVisible()).isTrue();
        ParallelScheduler scheduler = fixture.engine.scheduler();

        // A limit of one by hand, so most of the 20 jobs wait.
        robot.clickOn("#scheduler-auto-limit");
        @SuppressWarnings("unchecked")
        Spinner<Integer> limit = robot.lookup("#scheduler-limit").queryAs(Spinner.class);
        robot.interact(() -> limit.getValueFactory().setValue(1));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> scheduler.maxConcurrent() == 1);
        assertThat(robot.lookup("#scheduler-auto-limit").queryAs(CheckBox.class).isSelected()).isFalse();

        robot.clickOn("#load-generate"); // the form's defaults: 20 sleeps of 200 ms at NORMAL
        @SuppressWarnings("unchecked")
        TableView<JobRow> table = robot.lookup("#scheduler-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 20);
        assertThat(table.getItems()).allMatch(r -> r.info().kind().equals("sleep")
                && r.info().priority() == TaskPriority.NORMAL);

        JobRow victim = table.getItems().get(15); // pending behind the others; not under the scroll bar
        assertThat(victim.status()).isEqualTo(TaskStatus.PENDING);
        robot.interact(() -> table.scrollTo(victim));
        TableRow<?> vr = rowOf(table, victim);
        robot.clickOn(vr); // on the progress bar, as it happens: a click there must select the row too
        assertThat(table.getSelectionModel().getSelectedItems()).containsExactly(victim);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> victim.status() == TaskStatus.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(badgeText(table, victim)).isEqualTo("Cancelled");
        assertThat(robot.lookup("#details-state").queryAs(Label.class).getText()).isEqualTo("Cancelled");
        assertThat(robot.lookup("#details-error").queryAs(Label.class).getText()).isEqualTo("cancelled by request");
        assertThat(scheduler.getTask(victim.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);

        // The rest run to the end, one at a time; the state filter finds them.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> table.getItems().stream().filter(r -> r.status() == TaskStatus.COMPLETED).count() == 19);
        robot.interact(() -> robot.lookup("#scheduler-state-filter").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue("Cancelled"));
        assertThat(table.getItems()).containsExactly(victim);
        robot.interact(() -> robot.lookup("#scheduler-state-filter").queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue("All states"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#scheduler-totals").queryAs(Label.class).getText()
                        .startsWith("0 pending · 0 running · 19 completed · 0 failed · 1 cancelled · 95 % ok"));

        // Run again from the keyboard: a new job with the same name.
        robot.interact(table::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 21);
        assertThat(table.getItems().getLast().info().name()).isEqualTo(victim.info().name());

        busyPictures(table);

        // Clear finished (Ctrl+L) drops the ended jobs from the engine and the table alike.
        robot.interact(table::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !table.getItems().contains(victim)
                && table.getItems().size() == scheduler.getTasks().size());
    }

    /** ~30 jobs in every state, in both themes, for people to look at. */
    private void busyPictures(TableView<JobRow> table) throws Exception {
        ParallelScheduler scheduler = fixture.engine.scheduler();
        robot.interact(() -> scheduler.setMaxConcurrent(3));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            scheduler.addTask(TaskSpec.of("grep TODO in module-" + n, ctx -> {
                throw new IOException("src/module-" + n + "/gen: permission denied");
            }).kind("grep").priority(TaskPriority.CRITICAL).build());
        }
        for (int i = 1; i <= 2; i++) {
            scheduler.addTask(TaskSpec.of("read notes/" + i + ".md", ctx -> "412 lines").kind("read")
                    .priority(TaskPriority.HIGH).build());
        }
        for (String q : new String[] {"search \"tier decisions\"", "import ~/notes", "consolidate short_term"}) {
            scheduler.addTask(TaskSpec.of(q, ctx -> LoadGenerator.sleep(ctx, 6_000)).kind(q.split(" ")[0])
                    .priority(TaskPriority.HIGH).build());
        }
        Thread.sleep(300);
        long blocker = scheduler.addTask(TaskSpec.of("pipeline: ingest → index", ctx -> LoadGenerator.sleep(ctx, 60_000))
                .kind("pipeline").priority(TaskPriority.LOW).build());
        scheduler.addTask(TaskSpec.of("pipeline: report", ctx -> "ok").kind("pipeline").dependsOn(blocker).build());
        for (int i = 1; i <= 4; i++) {
            scheduler.addTask(TaskSpec.of("cpu burn 500 ms #" + i, ctx -> LoadGenerator.burn(ctx, 500))
                    .kind("cpu-burn").priority(TaskPriority.BULK).build());
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 21 + 3 + 2 + 3 + 2 + 4);
        Thread.sleep(2500); // a few chart points and live durations
        JobRow failed = table.getItems().stream().filter(r -> r.status() == TaskStatus.FAILED).findFirst().orElseThrow();
        robot.interact(() -> {
            table.getSelectionModel().clearAndSelect(table.getItems().indexOf(failed));
            table.scrollTo(table.getItems().size() - 13); // the newest jobs, in every state
        });
        assertThat(robot.lookup("#details-origin").tryQuery()).isPresent();
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> ((Workbench) table.getScene().getRoot()).setDark(dark));
            Thread.sleep(500); // the theme switch's knob slides; picture it where it stops
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> PaneSnapshot.snapshot(table.getScene().getRoot()))
                    .get(10, TimeUnit.SECONDS);
            PaneSnapshot.write(image, SNAPSHOTS.resolve("scheduler-busy-" + (dark ? "dark" : "light") + ".png"));
        }
        robot.interact(() -> ((Workbench) table.getScene().getRoot()).setDark(false));
        // A job with a dependency and a few events, for its details.
        JobRow report = table.getItems().stream().filter(r -> r.info().name().equals("pipeline: report")).findFirst()
                .orElseThrow();
        robot.interact(() -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(report)));
        assertThat(robot.lookup("#details-name").queryAs(Label.class).getText()).isEqualTo("pipeline: report");
        WritableImage side = WaitForAsyncUtils.asyncFx(() -> PaneSnapshot.snapshot(table.getScene().getRoot()))
                .get(10, TimeUnit.SECONDS);
        PaneSnapshot.write(side, SNAPSHOTS.resolve("scheduler-details-light.png"));
        robot.interact(() -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(failed)));

        // "from: grep → Files" goes to the pane the job came from; Ctrl+3 comes back, caught up.
        robot.clickOn("#details-origin");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#files").tryQuery()).isPresent();
        scheduler.addTask(TaskSpec.of("added while away", ctx -> "ok").kind("sleep").priority(TaskPriority.CRITICAL).build());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.info().name().equals("added while away") && r.status() == TaskStatus.COMPLETED));

        // The context menu cancels too: "pipeline: report" waits a minute for its dependency.
        assertThat(report.status()).isEqualTo(TaskStatus.PENDING);
        robot.interact(() -> table.scrollTo(report));
        TableRow<?> reportRow = rowOf(table, report);
        robot.clickOn(reportRow);
        // Monocle makes no context-menu event of a right click: send the one a desktop would.
        robot.interact(() -> {
            javafx.geometry.Point2D at = reportRow.localToScreen(40, 10);
            reportRow.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    40, 10, at.getX(), at.getY(), false, null));
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".context-menu .menu-item").tryQuery().isPresent());
        Node cancelItem = robot.lookup(".context-menu .menu-item").queryAll().stream()
                .filter(n -> n.lookup(".label") instanceof Label l && l.getText().equals("Cancel")).findFirst()
                .orElseThrow();
        assertThat(((Label) cancelItem.lookup(".accelerator-text")).getText()).isEqualTo("Delete");
        robot.clickOn(cancelItem);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> report.status() == TaskStatus.CANCELLED);
    }

    private static String badgeText(TableView<JobRow> table, JobRow row) {
        Node badge = rowOf(table, row).lookup(".state-badge");
        return badge instanceof Label l ? l.getText() : null;
    }

    private static TableRow<?> rowOf(TableView<JobRow> table, JobRow row) {
        for (Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> r && r.getItem() == row) {
                return r;
            }
        }
        throw new AssertionError("no visible table row shows " + row);
    }
}
