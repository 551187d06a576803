package dev.whitemagic.app.ui.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.ui.WorkbenchFixture;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Files pane in the narrowest window the workbench allows (900 px): nothing cut off. */
class FilesPaneNarrowUiTest {

    @TempDir
    Path home;

    private WorkbenchFixture fixture;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        fixture = WorkbenchFixture.start(home, s -> {
            s.lastPane = "files";
            s.windowWidth = 900;
        });
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void atTheMinimumWidth_theButtonsAreWhole_andInsideTheWindow() {
        WaitForAsyncUtils.waitForFxEvents();
        Region files = robot.lookup("#files").queryAs(Region.class);
        double windowWidth = files.getScene().getWidth();
        assertThat(windowWidth).isLessThanOrEqualTo(900);
        for (String id : List.of("#files-add-files", "#files-add-folder", "#files-clear", "#files-workers", "#files-start",
                "#files-cancel", "#grep-run", "#grep-fixed", "#grep-ignore-case", "#grep-word")) {
            Control c = robot.lookup(id).queryAs(Control.class);
            Bounds b = c.localToScene(c.getBoundsInLocal());
            assertThat(b.getMaxX()).as("%s inside the window", id).isLessThanOrEqualTo(windowWidth);
            if (!id.equals("#files-workers")) {
                assertThat(c.getWidth()).as("%s not cut short", id).isGreaterThanOrEqualTo(c.prefWidth(-1) - 0.5);
            }
        }
        // what was added is said beside the progress bar, in full
        Label sources = robot.lookup("#files-sources").queryAs(Label.class);
        assertThat(sources.getWidth()).isGreaterThanOrEqualTo(sources.prefWidth(-1) - 0.5);
    }
}
