package dev.whitemagic.app.ui.memory;

import dev.whitemagic.engine.memory.ConsolidationGroup;
import dev.whitemagic.engine.memory.ConsolidationStrategy;
import dev.whitemagic.engine.memory.MemoryConsolidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Consolidation: pick a strategy, see the dry-run groups, apply the ones chosen. "Short-term"
 * is the seed's consolidate_short_term (promote, gather, archive), shown as a dry run first.
 */
final class ConsolidationDialog extends Dialog<Void> {

    private static final String SHORT_TERM = "Short-term (promote, gather, archive)";

    private final MemoryViewModel model;
    private final ObservableList<ConsolidationGroup> groups = FXCollections.observableArrayList();
    private final List<ConsolidationGroup> chosen = new ArrayList<>();
    private final Label summary = new Label("Pick a strategy and press Plan: nothing changes until Apply.");
    private ConsolidationStrategy planned;

    ConsolidationDialog(MemoryViewModel model) {
        this.model = model;
        setTitle("Consolidate memories");
        setHeaderText("Merge related memories; the originals are archived, never deleted.");
        ComboBox<String> strategy = new ComboBox<>();
        strategy.setId("consolidate-strategy");
        strategy.getItems().add(SHORT_TERM);
        for (ConsolidationStrategy s : ConsolidationStrategy.values()) {
            strategy.getItems().add(s.seedName());
        }
        strategy.setValue(ConsolidationStrategy.BY_SIMILARITY.seedName());
        Spinner<Double> similarity = new Spinner<>(0.1, 1.0, 0.8, 0.05);
        similarity.setEditable(true);
        Spinner<Integer> maxGroup = new Spinner<>(2, 100, 10);
        maxGroup.setEditable(true);
        Spinner<Integer> retention = new Spinner<>(0, 3650, (int) MemoryConsolidator.DEFAULT_RETENTION.toDays());
        retention.setEditable(true);
        Button plan = new Button("Plan");
        plan.setId("consolidate-plan");

        ListView<ConsolidationGroup> list = new ListView<>(groups);
        list.setId("consolidate-groups");
        list.setPrefSize(620, 300);
        list.setPlaceholder(new Label("No groups planned yet."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConsolidationGroup g, boolean empty) {
                super.updateItem(g, empty);
                if (empty || g == null) {
                    setGraphic(null);
                    return;
                }
                CheckBox box = new CheckBox(g.mergedTitle() + "  ←  " + String.join(" · ", g.titles()));
                box.setSelected(chosen.contains(g));
                box.setOnAction(e -> {
                    if (box.isSelected()) {
                        chosen.add(g);
                    } else {
                        chosen.remove(g);
                    }
                });
                setGraphic(box);
            }
        });

        plan.setOnAction(e -> {
            groups.clear();
            chosen.clear();
            summary.setText("Planning…");
            if (SHORT_TERM.equals(strategy.getValue())) {
                planned = null;
                model.consolidateShortTerm(Duration.ofDays(retention.getValue()), true, r -> summary.setText(
                        "Would promote " + r.promoted().size() + " and gather " + r.archived().size()
                                + " short-term memories older than " + retention.getValue() + " days. Apply to do it."));
                return;
            }
            ConsolidationStrategy s = ConsolidationStrategy.fromName(strategy.getValue()).orElseThrow();
            model.plan(s, similarity.getValue(), maxGroup.getValue(), p -> {
                planned = s;
                groups.setAll(p.groups());
                chosen.addAll(p.groups());
                summary.setText(p.groups().size() + " groups, " + p.memoryCount() + " memories. Untick the ones to leave alone.");
            });
        });

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Strategy"), strategy, plan);
        form.addRow(1, new Label("Min similarity"), similarity, new Label("(by_similarity)"));
        form.addRow(2, new Label("Max group size"), maxGroup);
        form.addRow(3, new Label("Retention, days"), retention, new Label("(short-term)"));
        summary.setId("consolidate-summary");
        summary.setWrapText(true);
        VBox content = new VBox(10, form, list, summary);
        content.setPadding(new Insets(10));
        getDialogPane().setContent(content);
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CLOSE, apply);
        setResultConverter(button -> {
            if (button == apply) {
                if (SHORT_TERM.equals(strategy.getValue())) {
                    model.consolidateShortTerm(Duration.ofDays(retention.getValue()), false, r -> {});
                } else if (planned != null && !chosen.isEmpty()) {
                    model.apply(planned, List.copyOf(chosen));
                }
            }
            return null;
        });
    }
}
