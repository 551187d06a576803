package dev.whitemagic.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Renders every pane, light and dark, to target/snapshots/ for people to look at. */
class PaneSnapshotTest {

    private static final Path OUT = Path.of("target", "snapshots");

    @TempDir
    static Path home;

    private static WhiteMagicEngine engine;

    @BeforeAll
    static void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        engine = WhiteMagicEngine.builder().home(home).build();
        engine.metrics().awaitFirst(java.time.Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(WorkbenchPane.class)
    void render_eachPane_lightAndDark(WorkbenchPane pane) throws Exception {
        for (String theme : new String[] {"light", "dark"}) {
            Settings settings = new Settings();
            settings.theme = theme;
            settings.lastPane = pane.id();
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
                Workbench workbench = new Workbench(engine, settings, () -> {});
                new Scene(workbench, 1280, 820);
                WritableImage shot = PaneSnapshot.snapshot(workbench);
                workbench.stop();
                return shot;
            }).get(30, TimeUnit.SECONDS);
            Path file = OUT.resolve(pane.id() + "-" + theme + ".png");
            PaneSnapshot.write(image, file);

            BufferedImage png = ImageIO.read(file.toFile());
            assertThat(png.getWidth()).isEqualTo(1280);
            assertThat(png.getHeight()).isEqualTo(820);
            assertThat(distinctColours(png)).as("a rendered pane, not a blank canvas").isGreaterThan(20);
            int background = png.getRGB(640, 5) & 0xFFFFFF;
            int brightness = ((background >> 16) & 0xFF) + ((background >> 8) & 0xFF) + (background & 0xFF);
            if (theme.equals("dark")) {
                assertThat(brightness).as("dark background").isLessThan(3 * 80);
            } else {
                assertThat(brightness).as("light background").isGreaterThan(3 * 200);
            }
        }
    }

    private static int distinctColours(BufferedImage png) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 4) {
            for (int x = 0; x < png.getWidth(); x += 4) {
                colours.add(png.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
