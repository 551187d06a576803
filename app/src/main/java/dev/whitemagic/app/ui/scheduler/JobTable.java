package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.engine.scheduler.TaskInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The jobs table. Cells watch their row's properties, so an update repaints a cell and the list
 * itself only changes when rows join, leave or the filters change. The table sorts the model's
 * list in place: a {@code SortedList} would shift its whole index for every row that joins, which
 * costs seconds when 50,000 join at once. New rows join at the end and a row whose state changes
 * keeps its place until the next sort, so nothing jumps under the pointer.
 */
final class JobTable extends TableView<JobRow> {

    static final double ROW_HEIGHT = 28;

    JobTable(JobTableModel model) {
        super(model.visible());
        setId("scheduler-table");
        getStyleClass().addAll("dense", "scheduler-table");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // One row height for all: the virtual flow then never measures rows to size 100,000 of them.
        setFixedCellSize(ROW_HEIGHT);

        TableColumn<JobRow, TaskInfo> id = info("#", 44, t -> String.valueOf(t.id()), Comparator.comparingLong(TaskInfo::id));
        id.getStyleClass().add("numeric-column");
        TableColumn<JobRow, TaskInfo> name = info("Name", 160, TaskInfo::name, Comparator.comparing(TaskInfo::name));
        TableColumn<JobRow, TaskInfo> kind = info("Kind", 76, TaskInfo::kind, Comparator.comparing(TaskInfo::kind));
        TableColumn<JobRow, TaskInfo> priority = info("Priority", 72, t -> SchedulerFormat.state(t.priority()),
                Comparator.comparing(TaskInfo::priority));
        TableColumn<JobRow, TaskInfo> state = new TableColumn<>("State");
        state.setId("col-state");
        state.setPrefWidth(100);
        state.setCellValueFactory(d -> d.getValue().infoProperty());
        state.setCellFactory(c -> new BadgeCell());
        state.setComparator(Comparator.comparing(t -> t.status().ordinal()));
        TableColumn<JobRow, Number> progress = new TableColumn<>("Progress");
        progress.setPrefWidth(80);
        progress.setCellValueFactory(d -> d.getValue().progressProperty());
        progress.setCellFactory(c -> new ProgressCell());
        TableColumn<JobRow, TaskInfo> queued = info("Queued", 72, t -> SchedulerFormat.time(t.createdAt()),
                Comparator.comparing(TaskInfo::createdAt));
        // Started as the wait after queueing: shorter than a second clock time, and it shows the queue at work.
        TableColumn<JobRow, TaskInfo> started = info("Started", 70,
                t -> t.queueWait().map(w -> "+" + SchedulerFormat.duration(w)).orElse(""),
                Comparator.comparing(TaskInfo::startedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
        TableColumn<JobRow, String> duration = new TableColumn<>("Duration");
        duration.setPrefWidth(76);
        duration.setCellValueFactory(d -> d.getValue().durationProperty());
        duration.setSortable(false);
        TableColumn<JobRow, TaskInfo> error = info("Error", 220, t -> t.error() == null ? "" : t.error(),
                Comparator.comparing(t -> t.error() == null ? "" : t.error()));
        error.setCellFactory(c -> new TextCell(t -> t.error() == null ? "" : t.error(), "error-cell"));
        getColumns().addAll(List.of(id, name, kind, priority, state, progress, queued, started, duration,
                error));
        // Narrow panes scroll sideways rather than cut every column down to "Co…".
        for (TableColumn<JobRow, ?> c : getColumns()) {
            c.setMinWidth(c == name ? 120 : c == error ? 140 : c.getPrefWidth());
        }
    }

    private static TableColumn<JobRow, TaskInfo> info(String title, double width, Function<TaskInfo, String> text,
            Comparator<TaskInfo> order) {
        TableColumn<JobRow, TaskInfo> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> d.getValue().infoProperty());
        c.setCellFactory(col -> new TextCell(text, null));
        c.setComparator(order);
        return c;
    }

    /** Text from the job's snapshot; long text gets a tooltip. */
    private static final class TextCell extends TableCell<JobRow, TaskInfo> {
        private final Function<TaskInfo, String> text;

        TextCell(Function<TaskInfo, String> text, String style) {
            this.text = text;
            if (style != null) {
                getStyleClass().add(style);
            }
        }

        @Override
        protected void updateItem(TaskInfo t, boolean empty) {
            super.updateItem(t, empty);
            String s = empty || t == null ? null : text.apply(t);
            setText(s);
            setTooltip(s != null && s.length() > 30 ? new Tooltip(s) : null);
        }
    }

    /** The state as a coloured badge; a state the pane does not know yet gets the neutral look. */
    static final class BadgeCell extends TableCell<JobRow, TaskInfo> {
        private final Label badge = new Label();
        private String styled;

        BadgeCell() {
            badge.getStyleClass().add("state-badge");
            setText(null);
        }

        @Override
        protected void updateItem(TaskInfo t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            String style = SchedulerFormat.stateStyle(t.status());
            if (!style.equals(styled)) {
                if (styled != null) {
                    badge.getStyleClass().remove(styled);
                }
                badge.getStyleClass().add(style);
                styled = style;
            }
            badge.setText(SchedulerFormat.state(t.status()));
            setGraphic(badge);
        }
    }

    /** A small bar; running jobs that report no progress show a dash. */
    private static final class ProgressCell extends TableCell<JobRow, Number> {
        private final ProgressBar bar = new ProgressBar();

        ProgressCell() {
            bar.getStyleClass().add("small");
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.setMouseTransparent(true); // a click on the bar selects the row
        }

        @Override
        protected void updateItem(Number value, boolean empty) {
            super.updateItem(value, empty);
            if (empty || value == null) {
                setGraphic(null);
                setText(null);
            } else if (value.doubleValue() < 0) {
                setGraphic(null);
                setText("running");
            } else {
                bar.setProgress(value.doubleValue());
                setGraphic(bar);
                setText(null);
            }
        }
    }
}
