package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.app.ui.common.UiTasks;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The sample pipelines the engine ships (resources /pipelines/index.txt), read off the FX thread. */
final class Samples {

    /** A sample: its file name and what it holds. */
    record Sample(String file, PipelineSpec spec) {}

    private final Consumer<Sample> open;
    private final MenuButton menu = new MenuButton("Samples", new FontIcon(Material2AL.LIBRARY_BOOKS));
    private final HBox buttons = new HBox(8);
    private final VBox offer = new VBox(10);

    Samples(Consumer<Sample> open) {
        this.open = open;
        menu.setId("pipeline-samples");
        menu.setTooltip(new Tooltip("Open a sample pipeline"));
        menu.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER);
        buttons.setId("pipeline-sample-buttons");
        Label label = new Label("Or start from a sample:");
        label.getStyleClass().add("empty-state-text");
        offer.getChildren().addAll(label, buttons);
        offer.setAlignment(Pos.CENTER);
        // Shown once the samples are read.
        offer.visibleProperty().bind(Bindings.isNotEmpty(buttons.getChildren()));
    }

    MenuButton menu() {
        return menu;
    }

    /** "Or start from a sample:" and a button per sample. */
    VBox offer() {
        return offer;
    }

    void load() {
        UiTasks.supply(Samples::read, list -> {
            for (Sample s : list) {
                String id = s.file().replaceFirst("\\.json$", "");
                MenuItem item = new MenuItem(s.spec().name());
                item.setId("sample-" + id);
                item.setOnAction(e -> open.accept(s));
                menu.getItems().add(item);
                Button b = new Button(s.spec().name());
                b.setId("sample-button-" + id);
                b.setTooltip(new Tooltip(s.spec().description()));
                b.setOnAction(e -> open.accept(s));
                buttons.getChildren().add(b);
            }
        }, e -> {
            menu.setDisable(true);
            menu.setTooltip(new Tooltip("The samples could not be read: " + e.getMessage()));
        });
    }

    static List<Sample> read() throws IOException {
        List<Sample> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                PipelineSpecs.Parsed parsed = PipelineSpecs.parse(resource(name));
                if (parsed.spec() != null) {
                    out.add(new Sample(name, parsed.spec()));
                }
            }
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PipelineSpecs.class.getResourceAsStream("/pipelines/" + name)) {
            if (in == null) {
                throw new IOException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
