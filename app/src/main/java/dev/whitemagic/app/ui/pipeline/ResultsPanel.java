package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.app.ui.common.TableExport;
import dev.whitemagic.app.ui.pipeline.RunSession.ResultRow;
import dev.whitemagic.engine.pipeline.ItemError;
import dev.whitemagic.engine.pipeline.SpecProblem;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** Below the canvas: the pipeline's problems (click one to select its stage), a run's results and errors. */
final class ResultsPanel extends TabPane {

    private final ListView<SpecProblem> problems = new ListView<>();
    private final TableView<ResultRow> results = new TableView<>();
    private final TableView<ItemError> errors = new TableView<>();
    private final Tab problemsTab = new Tab();
    private final Tab resultsTab = new Tab();
    private final Tab errorsTab = new Tab();

    ResultsPanel(Consumer<SpecProblem> open, Consumer<String> say) {
        setId("pipeline-bottom");
        getStyleClass().add("pipeline-bottom");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        problems.setId("pipeline-problems");
        problems.getStyleClass().add("dense");
        problems.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SpecProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.place() + ": " + p.message());
                setGraphic(empty || p == null ? null : new FontIcon(Material2AL.ERROR_OUTLINE));
                getStyleClass().remove("problem-cell");
                if (!empty && p != null) {
                    getStyleClass().add("problem-cell");
                }
            }
        });
        problems.setOnMouseClicked(e -> {
            SpecProblem p = problems.getSelectionModel().getSelectedItem();
            if (p != null) {
                open.accept(p);
            }
        });
        problems.setPlaceholder(muted("No problems: the pipeline can run."));

        results.setId("pipeline-results");
        results.getStyleClass().add("dense");
        results.getColumns().add(column("#", 70, r -> String.valueOf(r.index())));
        results.getColumns().add(column("Result", 600, ResultRow::text));
        results.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        results.setPlaceholder(muted("Run the pipeline (Ctrl+Enter) to see what its last stages make. Right-click to export."));

        errors.setId("pipeline-errors");
        errors.getStyleClass().add("dense");
        errors.getColumns().add(column("Stage", 120, ItemError::stage));
        errors.getColumns().add(column("Item", 320, ItemError::item));
        errors.getColumns().add(column("Message", 360, ItemError::message));
        errors.getColumns().add(column("Tries", 60, e -> String.valueOf(e.attempts())));
        errors.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        errors.setPlaceholder(muted("Items that fail are listed here, with their stage and why."));

        // right-click: export what a run gave, as in the Files pane
        TableExport.addExportMenu(results, say);
        TableExport.addExportMenu(errors, say);

        problemsTab.setContent(problems);
        problemsTab.setId("pipeline-tab-problems");
        resultsTab.setContent(results);
        resultsTab.setId("pipeline-tab-results");
        errorsTab.setContent(errors);
        errorsTab.setId("pipeline-tab-errors");
        getTabs().addAll(problemsTab, resultsTab, errorsTab);
        showProblems(List.of());
        showRun(List.of(), 0, List.of());
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> text) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(text.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    void showProblems(List<SpecProblem> now) {
        problems.getItems().setAll(now);
        problemsTab.setText(now.isEmpty() ? "Problems" : "Problems (" + now.size() + ")");
    }

    void showRun(List<ResultRow> rows, long totalRows, List<ItemError> itemErrors) {
        results.getItems().setAll(rows);
        errors.getItems().setAll(itemErrors);
        resultsTab.setText(totalRows == 0 ? "Results" : "Results (" + String.format("%,d", totalRows) + ")");
        errorsTab.setText(itemErrors.isEmpty() ? "Errors" : "Errors (" + String.format("%,d", itemErrors.size()) + ")");
    }

    void selectProblems() {
        getSelectionModel().select(problemsTab);
    }

    void selectResults(boolean errorsFirst) {
        getSelectionModel().select(errorsFirst ? errorsTab : resultsTab);
    }

    TableView<ResultRow> results() {
        return results;
    }
}
