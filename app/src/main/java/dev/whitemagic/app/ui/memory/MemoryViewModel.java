package dev.whitemagic.app.ui.memory;

import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.engine.memory.BatchCreateResult;
import dev.whitemagic.engine.memory.ConsolidationGroup;
import dev.whitemagic.engine.memory.ConsolidationPlan;
import dev.whitemagic.engine.memory.ConsolidationStrategy;
import dev.whitemagic.engine.memory.MarkdownImport;
import dev.whitemagic.engine.memory.Memory;
import dev.whitemagic.engine.memory.MemoryConsolidator;
import dev.whitemagic.engine.memory.MemoryDraft;
import dev.whitemagic.engine.memory.MemorySort;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.memory.MemoryType;
import dev.whitemagic.engine.memory.MemoryUpdate;
import dev.whitemagic.engine.memory.MultiSearchResult;
import dev.whitemagic.engine.memory.ParallelMemoryManager;
import dev.whitemagic.engine.memory.SearchHit;
import dev.whitemagic.engine.memory.ShortTermConsolidation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Memory pane's state. Every store call runs through {@link Runner} (off the FX thread in
 * the pane, inline in tests); results come back through it on the FX thread.
 */
public final class MemoryViewModel {

    /** Runs store work off the FX thread and delivers the outcome on it: the app's {@link OffThread}, and jobs. */
    public interface Runner extends OffThread {

        /**
         * Runs longer work (a search, an import, a consolidation) as a job of the engine's queue,
         * named for the Scheduler pane; by default just {@link #run}.
         */
        default <T> void job(String name, String kind, Callable<T> work, Function<? super T, String> summary,
                Consumer<T> done, Consumer<Exception> failed) {
            run(work, done, failed);
        }
    }

    /** One result: the memory, its score (0 when listing) and the queries that found it. */
    public record Row(String id, String title, MemoryType type, List<String> tags, Instant created,
            double score, String preview, List<String> queries) {}

    /** A query chip: the query and how many memories it found (-1 until it ran). */
    public record Chip(String query, int hits) {}

    private final Runner runner;
    private final Executor searchExecutor;
    private volatile Supplier<MemoryStore> source;
    private MemoryStore opened;
    private final ObservableList<Chip> chips = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty dedupe = new SimpleBooleanProperty(true);
    private final ObjectProperty<MemoryType> type = new SimpleObjectProperty<>();
    private final StringProperty tags = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty emptyText = new SimpleStringProperty("");
    /** True while the store is empty (nothing listed, no query, no filter): the pane then offers the sample notes. */
    private final BooleanProperty samplesOffered = new SimpleBooleanProperty(false);
    private final Path dataHome;
    private final StringProperty storeName = new SimpleStringProperty("");
    private final StringProperty editId = new SimpleStringProperty();
    private final StringProperty editTitle = new SimpleStringProperty("");
    private final StringProperty editTags = new SimpleStringProperty("");
    private final StringProperty editBody = new SimpleStringProperty("");
    private final StringProperty editInfo = new SimpleStringProperty("New memory");
    private long searchGeneration;

    /**
     * @param store opens (or returns) the engine's store; called off the FX thread
     * @param home  where that store lives, for the title
     */
    public MemoryViewModel(Supplier<MemoryStore> store, Path home, Executor searchExecutor, Runner runner) {
        this.source = () -> prepared(store.get());
        this.dataHome = home;
        this.searchExecutor = searchExecutor;
        this.runner = runner;
        storeName.set(home.toString());
    }

    /** Adds a query chip (blank and duplicate queries are ignored) and searches again. */
    public void addQuery(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || chips.stream().anyMatch(c -> c.query().equals(q))) {
            return;
        }
        chips.add(new Chip(q, -1));
        search();
    }

    public void removeQuery(String query) {
        chips.removeIf(c -> c.query().equals(query));
        search();
    }

    /** Runs the chips' queries at once (or lists everything when there are none). */
    public void search() {
        long generation = ++searchGeneration;
        List<String> queries = chips.stream().map(Chip::query).toList();
        boolean merge = dedupe.get();
        MemoryType t = type.get();
        List<String> tagFilter = tagList(tags.get());
        Supplier<MemoryStore> src = source;
        Consumer<Found> show = result -> {
            if (generation != searchGeneration) {
                return; // a newer search is on its way
            }
            rows.setAll(result.rows());
            if (!queries.isEmpty()) {
                List<Chip> counted = new ArrayList<>();
                for (Chip c : chips) {
                    counted.add(new Chip(c.query(), result.counts().getOrDefault(c.query(), 0)));
                }
                chips.setAll(counted);
            }
            emptyText.set(queries.isEmpty() ? "No memories yet: write one, or drop markdown files here." : "Nothing found.");
            samplesOffered.set(result.rows().isEmpty() && queries.isEmpty() && t == null && tagFilter.isEmpty());
        };
        Consumer<Exception> failed = e -> message.set("Search failed: " + e.getMessage());
        if (queries.isEmpty()) {
            runner.run(() -> listAll(src.get(), t, tagFilter), show, failed);
        } else {
            runner.job("search: " + String.join(", ", queries), "search",
                    () -> searchAll(src.get(), queries, merge, t, tagFilter), f -> f.rows().size() + " memories found",
                    show, failed);
        }
    }

    private record Found(List<Row> rows, Map<String, Integer> counts) {}

    private static Found listAll(MemoryStore s, MemoryType t, List<String> tagFilter) {
        List<Row> out = new ArrayList<>();
        for (Memory m : s.list(t, t == MemoryType.ARCHIVE, MemorySort.NEWEST_FIRST)) {
            if (tagFilter.stream().allMatch(m::hasTag)) {
                String body = m.content().strip();
                out.add(new Row(m.id(), m.title(), m.type(), m.tags(), m.created(), 0,
                        body.length() > 200 ? body.substring(0, 200) + "…" : body, List.of()));
            }
        }
        return new Found(out, Map.of());
    }

    private Found searchAll(MemoryStore s, List<String> queries, boolean merge, MemoryType t, List<String> tagFilter) {
        MultiSearchResult r = new ParallelMemoryManager(s, searchExecutor).parallelSearch(queries, merge, queries.size(), t,
                tagFilter, t == MemoryType.ARCHIVE, 50);
        Map<String, Integer> counts = new HashMap<>();
        for (MultiSearchResult.QueryResult q : r.perQuery()) {
            counts.put(q.query(), q.hits().size());
        }
        List<Row> out = new ArrayList<>();
        if (merge) {
            for (MultiSearchResult.MergedHit h : r.merged()) {
                out.add(row(h.hit(), h.bestScore(), h.queries()));
            }
        } else {
            for (MultiSearchResult.QueryResult q : r.perQuery()) {
                for (SearchHit h : q.hits()) {
                    out.add(row(h, h.score(), List.of(q.query())));
                }
            }
        }
        return new Found(out, counts);
    }

    private static Row row(SearchHit h, double score, List<String> queries) {
        return new Row(h.id(), h.title(), h.type(), h.tags(), h.created(), score, h.preview(), queries);
    }

    static List<String> tagList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Loads a memory into the editor. */
    public void open(String id) {
        Supplier<MemoryStore> src = source;
        runner.run(() -> src.get().read(id).orElse(null), m -> {
            if (m == null) {
                message.set("That memory is gone (deleted outside the app?).");
                search();
                return;
            }
            editId.set(m.id());
            editTitle.set(m.title());
            editTags.set(String.join(", ", m.tags()));
            editBody.set(m.content());
            editInfo.set(m.type().folder() + " · created " + m.created() + (m.path() != null ? " · " + m.path().getFileName() : "")
                    + (m.warning() != null ? " · " + m.warning() : ""));
        }, e -> message.set("Could not open it: " + e.getMessage()));
    }

    /** Clears the editor for a new memory. */
    public void newMemory() {
        editId.set(null);
        editTitle.set("");
        editTags.set("");
        editBody.set("");
        editInfo.set("New memory");
    }

    /** Creates or updates the memory in the editor. */
    public void save() {
        String title = editTitle.get().strip();
        if (title.isEmpty()) {
            message.set("Give it a title first.");
            return;
        }
        String id = editId.get();
        List<String> newTags = tagList(editTags.get());
        String body = editBody.get();
        Supplier<MemoryStore> src = source;
        runner.run(() -> {
            if (id == null) {
                return src.get().create(new MemoryDraft(title, body, newTags, MemoryType.SHORT_TERM, Map.of()));
            }
            Memory old = src.get().read(id).orElseThrow(() -> new IOException("it was deleted meanwhile"));
            Set<String> remove = new LinkedHashSet<>(old.tags());
            remove.removeAll(newTags);
            MemoryUpdate u = MemoryUpdate.of(id).withTitle(title).withContent(body)
                    .addTags(newTags.toArray(String[]::new)).removeTags(remove.toArray(String[]::new));
            return src.get().update(u).orElseThrow(() -> new IOException("it was deleted meanwhile"));
        }, m -> {
            message.set("Saved “" + m.title() + "”.");
            open(m.id());
            search();
        }, e -> message.set("Not saved: " + e.getMessage()));
    }

    /** Archives (or with {@code permanent} deletes) the memory in the editor. */
    public void delete(boolean permanent) {
        String id = editId.get();
        if (id == null) {
            return;
        }
        Supplier<MemoryStore> src = source;
        runner.run(() -> src.get().delete(id, permanent), ok -> {
            message.set(ok ? (permanent ? "Deleted." : "Archived.") : "It was already gone.");
            newMemory();
            search();
        }, e -> message.set("Failed: " + e.getMessage()));
    }

    /** What an import did: markdown files found, memories created, failures, malformed frontmatter, files skipped. */
    record Imported(int files, int created, int failed, int malformed, int skipped) {
        String summary() {
            return created + " imported, " + skipped + " skipped, " + failed + " failed";
        }
    }

    /** Imports markdown files and folders of them as one atomic batch. */
    public void importFiles(List<Path> paths) {
        Supplier<MemoryStore> src = source;
        runner.job("import " + (paths.size() == 1 ? paths.getFirst().getFileName() : paths.size() + " items"), "import", () -> {
            MarkdownImport.Result found = MarkdownImport.read(paths, MemoryType.SHORT_TERM);
            BatchCreateResult r = new ParallelMemoryManager(src.get(), searchExecutor).batchCreateMemories(found.drafts(), true);
            return new Imported(found.files().size(), r.created().size(), r.failures().size(), found.warnings().size(),
                    found.skipped().size());
        }, Imported::summary, n -> {
            message.set(n.files() == 0 ? "No markdown files in what was dropped."
                    : n.summary() + (n.failed() > 0 ? " (atomic: nothing was kept)" : "")
                            + (n.malformed() > 0 ? ", " + n.malformed() + " with malformed frontmatter (bodies kept)" : "") + ".");
            search();
        }, e -> message.set("Import failed, nothing was imported: " + e.getMessage()));
    }

    /**
     * Switches to another WhiteMagic folder: {@code folder} is either a data directory holding
     * {@code memory/} or the {@code memory} folder itself.
     */
    public void openFolder(Path folder) {
        Path home = folder.getFileName() != null && folder.getFileName().toString().equals("memory") ? folder.getParent() : folder;
        MemoryStore previous = opened;
        runner.run(() -> prepared(MemoryStore.open(home, searchExecutor)), store -> {
            opened = store;
            source = () -> store;
            if (previous != null) {
                previous.close();
            }
            storeName.set(home.toString());
            chips.clear();
            newMemory();
            message.set("Opened " + home + " (" + store.size() + " memories).");
            search();
        }, e -> message.set("Could not open " + home + ": " + e.getMessage()));
    }

    /** Searches again (off the FX thread first, as always) when another process changed the store. */
    public void refreshIfChangedElsewhere() {
        Supplier<MemoryStore> src = source;
        runner.run(() -> src.get().changedElsewhere(), changed -> {
            if (changed) {
                search();
            }
        }, e -> { });
    }

    /**
     * Opens the sample notes the app ships: copied (once) to {@code samples/} in the data
     * directory, then opened there like any WhiteMagic folder; the store of one's own is untouched.
     */
    public void openSamples() {
        Path into = dataHome.resolve("samples");
        runner.run(() -> SampleNotes.extract(into), this::openFolder,
                e -> message.set("Could not open the sample notes: " + e.getMessage()));
    }

    /** Names the window to other processes that wait for it, and shows what a write of its own waits for. */
    private MemoryStore prepared(MemoryStore store) {
        store.describeAs("the workbench window");
        store.onWait(line -> runner.run(() -> line, message::set, e -> { }));
        return store;
    }

    /** Plans a consolidation (a dry run): the groups it would merge. */
    public void plan(ConsolidationStrategy strategy, double minSimilarity, int maxGroup,
            Consumer<ConsolidationPlan> done) {
        Supplier<MemoryStore> src = source;
        runner.job("plan consolidation by " + strategy.name().toLowerCase(Locale.ROOT), "consolidate",
                () -> new MemoryConsolidator(src.get()).smartConsolidate(strategy,
                        minSimilarity, maxGroup, true), p -> p.groups().size() + " groups planned", done,
                e -> message.set("Planning failed: " + e.getMessage()));
    }

    /** Merges the chosen groups (each into one memory; the originals are archived). */
    public void apply(ConsolidationStrategy strategy,
            List<ConsolidationGroup> groups) {
        Supplier<MemoryStore> src = source;
        runner.job("consolidate " + groups.size() + " groups", "consolidate",
                () -> new MemoryConsolidator(src.get()).apply(strategy, groups),
                p -> p.memoryCount() + " memories merged", plan -> {
            message.set(groups.size() + " groups merged; their " + plan.memoryCount() + " memories were archived.");
            search();
        }, e -> message.set("Consolidation failed: " + e.getMessage()));
    }

    /** The seed's consolidate_short_term, or its dry run. */
    public void consolidateShortTerm(Duration retention, boolean dryRun,
            Consumer<ShortTermConsolidation> done) {
        Supplier<MemoryStore> src = source;
        runner.job(dryRun ? "plan short-term consolidation" : "consolidate short-term", "consolidate",
                () -> new MemoryConsolidator(src.get()).consolidateShortTerm(retention,
                        dryRun), r -> r.promoted().size() + " promoted, " + r.archived().size() + " archived", r -> {
                    if (!dryRun) {
                        message.set(r.promoted().size() + " promoted to long-term, " + r.archived().size()
                                + " gathered and archived.");
                        search();
                    }
                    done.accept(r);
                }, e -> message.set("Consolidation failed: " + e.getMessage()));
    }

    /** Closes a store this pane opened itself (never the engine's). */
    public void close() {
        if (opened != null) {
            opened.close();
        }
    }

    public ObservableList<Chip> chips() {
        return chips;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public BooleanProperty dedupeProperty() {
        return dedupe;
    }

    public ObjectProperty<MemoryType> typeProperty() {
        return type;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** What the result list says when it is empty. */
    public BooleanProperty samplesOfferedProperty() {
        return samplesOffered;
    }

    public StringProperty emptyTextProperty() {
        return emptyText;
    }

    public StringProperty storeNameProperty() {
        return storeName;
    }

    public StringProperty editIdProperty() {
        return editId;
    }

    public StringProperty editTitleProperty() {
        return editTitle;
    }

    public StringProperty editTagsProperty() {
        return editTags;
    }

    public StringProperty editBodyProperty() {
        return editBody;
    }

    public StringProperty editInfoProperty() {
        return editInfo;
    }
}
