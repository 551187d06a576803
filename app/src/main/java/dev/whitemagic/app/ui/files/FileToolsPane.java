package dev.whitemagic.app.ui.files;

import dev.whitemagic.app.files.FilesService.GrepFile;
import dev.whitemagic.app.files.FilesService.GrepQuery;
import dev.whitemagic.app.files.FilesService.HitRow;
import dev.whitemagic.app.files.FilesService.MatchFile;
import dev.whitemagic.app.files.FilesService.ScanRow;
import dev.whitemagic.app.files.FilesService.SimilarRow;
import dev.whitemagic.app.files.FilesService.WordCount;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.common.TableExport;
import dev.whitemagic.app.ui.common.UiTasks;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The text tools over the batch: grep, match, word index, similarity and the scan summary. */
final class FileToolsPane extends TabPane {

    private final FilesViewModel model;
    private final BiConsumer<Path, Long> showHit;
    private final Label status = new Label();
    private HandleFeed<?> feed;

    private final ObservableList<HitRow> hits = FXCollections.observableArrayList();
    private final ObservableList<MatchFile> matches = FXCollections.observableArrayList();
    private final ObservableList<WordCount> words = FXCollections.observableArrayList();
    private final ObservableList<SimilarRow> similar = FXCollections.observableArrayList();
    private final ObservableList<ScanRow> scans = FXCollections.observableArrayList();

    FileToolsPane(FilesViewModel model, BiConsumer<Path, Long> showHit) {
        this.model = model;
        this.showHit = showHit;
        setId("files-tools");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        getTabs().addAll(grepTab(), matchTab(), wordsTab(), similarTab(), scanTab());
        status.setId("tools-status");
        status.getStyleClass().add("text-muted");
    }

    // ---- grep

    private Tab grepTab() {
        TextField pattern = new TextField();
        pattern.setId("grep-pattern");
        pattern.setPromptText("pattern (RE2 regex, or a literal with -F)");
        HBox.setHgrow(pattern, Priority.ALWAYS);
        // grep's own flags, short, so the row fits the narrowest window; the tooltips say them in words
        CheckBox fixed = new CheckBox("-F");
        fixed.setId("grep-fixed");
        fixed.setTooltip(new Tooltip("-F: the pattern is a literal, not a regex"));
        CheckBox ignoreCase = new CheckBox("-i");
        ignoreCase.setId("grep-ignore-case");
        ignoreCase.setTooltip(new Tooltip("-i: ignore case"));
        CheckBox word = new CheckBox("-w");
        word.setId("grep-word");
        word.setTooltip(new Tooltip("-w: whole words only"));
        Spinner<Integer> context = new Spinner<>(0, 20, 0);
        context.setId("grep-context");
        context.setPrefWidth(70);
        Button run = runButton("grep-run");
        Runnable go = () -> {
            GrepQuery q = new GrepQuery(pattern.getText(), fixed.isSelected(), ignoreCase.isSelected(),
                    word.isSelected(), context.getValue());
            if (q.pattern().isEmpty()) {
                say("Type a pattern first.");
                return;
            }
            String problem = model.service().checkGrep(q);
            if (problem != null) {
                say(problem);
                return;
            }
            List<Path> files = files();
            if (files == null) {
                return;
            }
            hits.clear();
            say("Searching " + files.size() + " files…");
            Tally matched = new Tally();
            start(new HandleFeed<>(model.service().grep(files, q), batch -> {
                List<HitRow> fresh = new ArrayList<>();
                for (GrepFile f : batch) {
                    fresh.addAll(f.hits());
                    matched.add(f.count(), f.count() > 0 ? 1 : 0);
                }
                hits.addAll(fresh);
            }, p -> say(String.format(Locale.ROOT, "%,d matching lines in %,d of %,d files · %s", matched.first, matched.second,
                    p.itemsDone(), Format.rate(p.bytesPerSecond())))));
        };
        run.setOnAction(e -> go.run());
        pattern.setOnAction(e -> go.run());

        TableView<HitRow> table = new TableView<>(hits);
        table.setId("grep-hits");
        table.getStyleClass().add("dense");
        table.getColumns().addAll(List.of(
                FilesView.pathColumn("File", 320, HitRow::path),
                FilesView.column("Line", 60, (HitRow h) -> String.valueOf(h.line())),
                FilesView.column("Text", 600, HitRow::text)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(muted("Hits appear here; click one to see its line in the preview."));
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, hit) -> {
            if (hit != null) {
                showHit.accept(hit.path(), hit.line());
            }
        });
        Label contextLabel = new Label("-C");
        contextLabel.setMinWidth(Region.USE_PREF_SIZE);
        context.setTooltip(new Tooltip("-C: lines of context around each hit"));
        HBox inputs = row(pattern, fixed, ignoreCase, word, contextLabel, context, run, exportButton(table));
        return tab("Grep", Material2MZ.SEARCH, inputs, table);
    }

    // ---- match

    private Tab matchTab() {
        TextArea patterns = new TextArea();
        patterns.setId("match-patterns");
        patterns.setPromptText("one literal pattern per line");
        patterns.setPrefRowCount(3);
        patterns.setPrefColumnCount(30);
        CheckBox ignoreCase = new CheckBox("ignore case");
        TableView<MatchFile> table = new TableView<>(matches);
        table.setId("match-table");
        table.getStyleClass().add("dense");
        table.setPlaceholder(muted("Counts of every pattern in every file appear here."));
        Button run = runButton("match-run");
        run.setOnAction(e -> {
            List<String> list = patterns.getText().lines().map(String::strip).filter(s -> !s.isEmpty()).distinct()
                    .toList();
            if (list.isEmpty()) {
                say("Type at least one pattern, one per line.");
                return;
            }
            List<Path> files = files();
            if (files == null) {
                return;
            }
            matches.clear();
            table.getColumns().clear();
            table.getColumns().add(FilesView.pathColumn("File", 320, MatchFile::path));
            for (String p : list) {
                table.getColumns().add(FilesView.column(p, 90,
                        (MatchFile m) -> String.valueOf(m.counts().getOrDefault(p, 0L))));
            }
            table.getColumns().add(FilesView.column("Total", 80,
                    (MatchFile m) -> String.valueOf(m.counts().values().stream().mapToLong(Long::longValue).sum())));
            say("Matching " + list.size() + " patterns in " + files.size() + " files…");
            start(new HandleFeed<>(model.service().match(files, list, ignoreCase.isSelected()), matches::addAll,
                    p -> say(String.format(Locale.ROOT, "%d patterns × %,d files · %s", list.size(), p.itemsDone(),
                            Format.rate(p.bytesPerSecond())))));
        });
        VBox inputs = new VBox(6, patterns, row(ignoreCase, run, exportButton(table)));
        return tab("Match", Material2AL.FORMAT_LIST_NUMBERED, inputs, table);
    }

    // ---- word index

    private Tab wordsTab() {
        Spinner<Integer> minLen = new Spinner<>(1, 40, 3);
        minLen.setPrefWidth(70);
        Spinner<Integer> top = new Spinner<>(5, 1000, 25);
        top.setPrefWidth(80);
        top.setEditable(true);
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        BarChart<String, Number> chart = new BarChart<>(x, y);
        chart.setId("words-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(160);
        TableView<WordCount> table = new TableView<>(words);
        table.setId("words-table");
        table.getStyleClass().add("dense");
        table.getColumns().addAll(List.of(FilesView.column("Word", 160, WordCount::word),
                FilesView.column("Count", 100, (WordCount w) -> String.format(Locale.ROOT, "%,d", w.count()))));
        table.setPlaceholder(muted("The most frequent words of the batch appear here."));
        table.setPrefWidth(280);
        Button run = runButton("words-run");
        run.setOnAction(e -> {
            List<Path> files = files();
            if (files == null) {
                return;
            }
            say("Indexing " + files.size() + " files…");
            run.setDisable(true);
            long t0 = System.nanoTime();
            int minLength = minLen.getValue();
            int topN = top.getValue();
            UiTasks.supply(() -> Unread.collect(problems -> model.service().index(files, minLength, topN, problems)), done -> {
                List<WordCount> list = done.value();
                run.setDisable(false);
                words.setAll(list);
                XYChart.Series<String, Number> series = new XYChart.Series<>();
                for (WordCount w : list.subList(0, Math.min(20, list.size()))) {
                    series.getData().add(new XYChart.Data<>(w.word(), w.count()));
                }
                chart.getData().setAll(List.of(series));
                say(String.format(Locale.ROOT, "%,d words shown from %,d files in %.2f s", list.size(), files.size(),
                        (System.nanoTime() - t0) / 1e9) + done.note());
            }, ex -> {
                run.setDisable(false);
                say("Word index failed: " + ex.getMessage());
            });
        });
        SplitPane body = new SplitPane(table, chart);
        body.setDividerPositions(0.3);
        HBox inputs = row(new Label("Min length"), minLen, new Label("Top"), top, run, exportButton(table));
        return tab("Words", Material2AL.BAR_CHART, inputs, body);
    }

    // ---- similarity

    private Tab similarTab() {
        TextArea text = new TextArea();
        text.setId("similar-text");
        text.setPromptText("text to compare the files with, or use a file");
        text.setPrefRowCount(2);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button fromFile = new Button("From file…", new FontIcon(Material2AL.INSERT_DRIVE_FILE));
        fromFile.setOnAction(e -> {
            File f = new FileChooser().showOpenDialog(getScene().getWindow());
            if (f != null) {
                UiTasks.supply(() -> FilesView.readHead(f.toPath()).text(), text::setText,
                        ex -> say("Cannot read " + f + ": " + ex.getMessage()));
            }
        });
        Spinner<Integer> top = new Spinner<>(1, 1000, 20);
        top.setPrefWidth(80);
        TableView<SimilarRow> table = new TableView<>(similar);
        table.setId("similar-table");
        table.getStyleClass().add("dense");
        table.getColumns().addAll(List.of(FilesView.pathColumn("File", 360, SimilarRow::path),
                FilesView.column("Jaccard", 90, (SimilarRow r) -> String.format(Locale.ROOT, "%.3f", r.jaccard())),
                FilesView.column("TF-IDF cosine", 110, (SimilarRow r) -> String.format(Locale.ROOT, "%.3f", r.cosine()))));
        table.setPlaceholder(muted("Files ranked by similarity to the text appear here."));
        Button run = runButton("similar-run");
        run.setOnAction(e -> {
            if (text.getText().isBlank()) {
                say("Type or load a text to compare with.");
                return;
            }
            List<Path> files = files();
            if (files == null) {
                return;
            }
            run.setDisable(true);
            say("Comparing " + files.size() + " files…");
            String reference = text.getText();
            int topN = top.getValue();
            UiTasks.supply(() -> Unread.collect(problems -> model.service().similar(files, reference, topN, problems)), done -> {
                run.setDisable(false);
                similar.setAll(done.value());
                say(Format.count(done.value().size(), "most similar file") + done.note());
            }, ex -> {
                run.setDisable(false);
                say("Similarity failed: " + ex.getMessage());
            });
        });
        HBox inputs = row(text, fromFile, new Label("Top"), top, run, exportButton(table));
        return tab("Similar", Material2MZ.SHUFFLE, inputs, table);
    }

    // ---- scan

    private Tab scanTab() {
        TableView<ScanRow> table = new TableView<>(scans);
        table.setId("scan-table");
        table.getStyleClass().add("dense");
        table.getColumns().addAll(List.of(FilesView.pathColumn("File", 320, ScanRow::path),
                FilesView.column("Size", 80, (ScanRow r) -> Format.bytes(r.size())),
                FilesView.column("Lines", 80, (ScanRow r) -> String.format(Locale.ROOT, "%,d", r.lines())),
                FilesView.column("Words", 80, (ScanRow r) -> String.format(Locale.ROOT, "%,d", r.words())),
                FilesView.column("Summary", 400, (ScanRow r) -> r.error() != null ? r.error() : r.summary())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(muted("Size, lines, words and the first line of every file appear here."));
        Button run = runButton("scan-run");
        run.setOnAction(e -> {
            List<Path> files = files();
            if (files == null) {
                return;
            }
            scans.clear();
            Tally counted = new Tally();
            start(new HandleFeed<>(model.service().scan(files), batch -> {
                for (ScanRow r : batch) {
                    counted.add(r.lines(), r.words());
                }
                scans.addAll(batch);
            }, p -> say(String.format(Locale.ROOT, "%,d files · %,d lines · %,d words · %s", p.itemsDone(), counted.first,
                    counted.second, Format.bytes(p.bytesDone())))));
        });
        return tab("Scan", Material2AL.ANALYTICS, row(run, exportButton(table)), table);
    }

    // ---- shared

    private List<Path> files() {
        if (feed != null) {
            say("A tool is still running; cancel it (Esc) or wait.");
            return null;
        }
        List<Path> files = model.readableFiles();
        if (files.isEmpty()) {
            say("Read a batch first: the tools work on the files read successfully.");
            return null;
        }
        return files;
    }

    private void start(HandleFeed<?> f) {
        feed = f;
        tick();
    }

    /** Called by the pane's timeline. */
    void tick() {
        if (feed != null && !feed.poll()) {
            feed = null;
        }
    }

    boolean running() {
        return feed != null;
    }

    void cancel() {
        if (feed != null) {
            feed.cancel();
        }
    }

    /** Two running totals a tool's feed adds to on the FX thread (matching lines and files; lines and words). */
    private static final class Tally {
        long first;
        long second;

        void add(long a, long b) {
            first += a;
            second += b;
        }
    }

    /** A result and the files that could not be read for it ("path: why"), so the pane can say so. */
    record Unread<T>(T value, List<String> problems) {
        static <T> Unread<T> collect(Function<Consumer<String>, T> work) {
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            T value = work.apply(problems::add);
            return new Unread<>(value, List.copyOf(problems));
        }

        /** " · 2 files could not be read (the first: …)", or nothing. */
        String note() {
            return problems.isEmpty() ? "" : " · " + Format.count(problems.size(), "file") + " could not be read (the first: "
                    + problems.getFirst() + ")";
        }
    }

    private void say(String text) {
        status.setText(text);
    }

    private Tab tab(String title, Ikon icon, Node inputs, Node body) {
        VBox box = new VBox(8, inputs, body, status);
        VBox.setVgrow(body, Priority.ALWAYS);
        box.setPadding(new Insets(10, 0, 0, 0));
        Tab tab = new Tab(title, box);
        tab.setGraphic(new FontIcon(icon));
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT));
        // The status line moves with the selected tab.
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected() && !box.getChildren().contains(status)) {
                box.getChildren().add(status);
            }
        });
        return tab;
    }

    private static HBox row(Node... nodes) {
        HBox h = new HBox(8, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        // in a narrow window the text fields give up room, never the buttons, boxes and spinners
        for (Node n : nodes) {
            if (n instanceof ButtonBase || n instanceof Spinner<?>) {
                ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        return h;
    }

    private static Button runButton(String id) {
        Button b = new Button("Run", new FontIcon(Material2MZ.PLAY_ARROW));
        b.setId(id);
        return b;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private MenuButton exportButton(TableView<?> table) {
        MenuButton export = new MenuButton("Export", new FontIcon(Material2MZ.SAVE_ALT));
        MenuItem csv = new MenuItem("CSV…");
        MenuItem json = new MenuItem("JSON…");
        csv.setOnAction(e -> export(table, "csv"));
        json.setOnAction(e -> export(table, "json"));
        export.getItems().addAll(csv, json);
        return export;
    }

    private void export(TableView<?> table, String kind) {
        TableExport.exportWithChooser(table, kind, this::say);
    }
}
