package dev.whitemagic.app.ui.common;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what a table shows — its visible columns, its rows in their current order — to CSV or
 * JSON. The rows are copied on the FX thread ({@link #snapshot}); writing happens elsewhere.
 */
public final class TableExport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TableExport() {}

    /**
     * Asks where to save (a file chooser), then writes the table as {@code kind} ("csv" or "json")
     * off the FX thread; {@code say} gets the outcome for people. Call on the FX thread.
     */
    public static void exportWithChooser(TableView<?> table, String kind, Consumer<String> say) {
        if (table.getItems().isEmpty()) {
            say.accept("Nothing to export yet.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as " + kind.toUpperCase(Locale.ROOT));
        chooser.setInitialFileName(table.getId() + "." + kind);
        File file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file == null) {
            return;
        }
        Snapshot snapshot = snapshot(table);
        UiTasks.supply(() -> {
            if (kind.equals("csv")) {
                snapshot.writeCsv(file.toPath());
            } else {
                snapshot.writeJson(file.toPath());
            }
            return file;
        }, f -> say.accept("Exported " + snapshot.rows().size() + " rows to " + f),
                ex -> say.accept("Export failed: " + ex.getMessage()));
    }

    /** A context menu on {@code table} with Export as CSV… and Export as JSON…. */
    public static void addExportMenu(TableView<?> table, Consumer<String> say) {
        MenuItem csv = new MenuItem("Export as CSV…");
        csv.setOnAction(e -> exportWithChooser(table, "csv", say));
        MenuItem json = new MenuItem("Export as JSON…");
        json.setOnAction(e -> exportWithChooser(table, "json", say));
        table.setContextMenu(new ContextMenu(csv, json));
    }

    /** The table's header and cell texts. Call on the FX thread. */
    public static <S> Snapshot snapshot(TableView<S> table) {
        List<TableColumn<S, ?>> columns = new ArrayList<>();
        for (TableColumn<S, ?> c : table.getVisibleLeafColumns()) {
            columns.add(c);
        }
        List<String> header = columns.stream().map(TableColumn::getText).toList();
        List<List<String>> rows = new ArrayList<>(table.getItems().size());
        for (int r = 0; r < table.getItems().size(); r++) {
            List<String> row = new ArrayList<>(columns.size());
            for (TableColumn<S, ?> c : columns) {
                ObservableValue<?> v = c.getCellObservableValue(r);
                Object value = v == null ? null : v.getValue();
                row.add(value == null ? "" : value.toString());
            }
            rows.add(row);
        }
        return new Snapshot(header, rows);
    }

    /** A table's content, ready to be written. */
    public record Snapshot(List<String> header, List<List<String>> rows) {

        /** Writes CSV (RFC 4180: quotes doubled, fields with commas, quotes or line breaks quoted). */
        public void writeCsv(Path file) throws IOException {
            atomically(file, w -> {
                w.write(csvLine(header));
                for (List<String> row : rows) {
                    w.write(csvLine(row));
                }
            });
        }

        /** Writes a JSON array of objects keyed by the column titles. */
        public void writeJson(Path file) throws IOException {
            List<Map<String, String>> objects = new ArrayList<>(rows.size());
            for (List<String> row : rows) {
                Map<String, String> o = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    o.put(header.get(i), row.get(i));
                }
                objects.add(o);
            }
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(objects);
            atomically(file, w -> w.write(new String(bytes, StandardCharsets.UTF_8)));
        }
    }

    static String csvLine(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append("\r\n").toString();
    }

    private interface WriterWork {
        void write(Writer w) throws IOException;
    }

    private static void atomically(Path file, WriterWork work) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".export", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                work.write(w);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
