package dev.whitemagic.app.ui;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Renders the workbench showing one pane to PNG. Without a display it runs JavaFX on Monocle's
 * headless platform with software rendering.
 */
public final class PaneSnapshot {

    private PaneSnapshot() {}

    /** Renders on a headless toolkit started for the purpose. Call before any other JavaFX use. */
    public static void render(WhiteMagicEngine engine, Settings settings, WorkbenchPane pane, int width, int height,
            Duration wait, Path out) throws Exception {
        startHeadless();
        CompletableFuture<Workbench> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Workbench workbench = new Workbench(engine, settings, () -> {});
                new Scene(workbench, width, height);
                workbench.show(pane);
                workbench.start();
                shown.complete(workbench);
            } catch (RuntimeException | Error e) {
                shown.completeExceptionally(e);
            }
        });
        Workbench workbench = shown.get(30, TimeUnit.SECONDS);
        // Let live panes gather a few samples, as a person would see them after a moment.
        engine.metrics().awaitFirst(Duration.ofSeconds(5));
        Thread.sleep(wait.toMillis());
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                workbench.stop();
                image.complete(snapshot(workbench));
            } catch (RuntimeException | Error e) {
                image.completeExceptionally(e);
            }
        });
        write(image.get(30, TimeUnit.SECONDS), out);
        Platform.exit();
    }

    /** A snapshot of {@code node} as it is laid out now. Must run on the FX thread. */
    public static WritableImage snapshot(Node node) {
        node.applyCss();
        if (node instanceof Parent parent) {
            parent.layout();
        }
        return node.snapshot(null, null);
    }

    /** Writes {@code image} as a PNG, creating the folder if needed. */
    public static void write(WritableImage image, Path out) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            reader.getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            buffered.setRGB(0, y, w, 1, row, 0, w);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private static void startHeadless() throws InterruptedException {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("headless.geometry", "3840x2400-32");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        var started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await(30, TimeUnit.SECONDS);
    }
}
