package dev.whitemagic.app.ui.files;

import dev.whitemagic.app.files.FilesService.FileRow;
import dev.whitemagic.app.files.FilesService.Filters;
import dev.whitemagic.app.files.FilesService.Workers;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.files.Sizes;
import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Files pane's state: what was dropped, the filters, the running batch and its rows. The
 * view calls {@link #tick()} a few times a second while a batch runs; each tick takes every row
 * completed since the last one in one go, so a 100,000-file batch costs the FX thread a few
 * list additions per second, not one per file. Needs no toolkit.
 */
public final class FilesViewModel {

    private final FilesService service;
    private final ObservableList<Path> sources = FXCollections.observableArrayList();
    private final ObservableList<FileRow> rows = FXCollections.observableArrayList();
    private final StringProperty glob = new SimpleStringProperty("");
    private final StringProperty extensions = new SimpleStringProperty("");
    private final StringProperty maxSize = new SimpleStringProperty("64 MiB");
    private final BooleanProperty hidden = new SimpleBooleanProperty(false);
    private final BooleanProperty ignoreFiles = new SimpleBooleanProperty(true);
    private final ObjectProperty<Workers> workers = new SimpleObjectProperty<>(Workers.ADAPTIVE);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Path> batch = new ArrayList<>();

    private BatchHandle<FileRow> handle;
    private int taken;
    private volatile boolean expandCancelled;

    public FilesViewModel(FilesService service) {
        this.service = service;
    }

    /** Adds dropped or chosen files and folders; duplicates are ignored. */
    public void add(List<Path> paths) {
        Set<Path> all = new LinkedHashSet<>(sources);
        for (Path p : paths) {
            all.add(p.toAbsolutePath().normalize());
        }
        sources.setAll(all);
    }

    public void clear() {
        if (running.get()) {
            return;
        }
        sources.clear();
        rows.clear();
        batch.clear();
        progress.set(0);
        progressText.set("");
        message.set("");
    }

    /** The filters as typed, or why they are wrong. */
    public Filters filters() {
        Set<String> exts = new LinkedHashSet<>();
        for (String e : extensions.get().split("[,;\\s]+")) {
            String t = e.strip().toLowerCase(Locale.ROOT);
            if (t.startsWith("*.")) {
                t = t.substring(2);
            } else if (t.startsWith(".")) {
                t = t.substring(1);
            }
            if (!t.isEmpty()) {
                exts.add(t);
            }
        }
        return new Filters(glob.get().strip(), exts, parseSize(maxSize.get()), hidden.get(), ignoreFiles.get());
    }

    /** "64 MiB", "500k", "2g" → bytes; empty → the default limit. */
    static long parseSize(String text) {
        return text.isBlank() ? Filters.DEFAULT_MAX_SIZE : Sizes.parse(text);
    }

    /**
     * Starts reading: folders are expanded with the filters by {@code offThread}, then the batch
     * starts. Returns false with a message when there is nothing to do or the filters are wrong.
     *
     * @param offThread runs the folder walk off the FX thread and calls back on it
     */
    public boolean start(OffThread offThread) {
        if (running.get()) {
            return false;
        }
        if (sources.isEmpty()) {
            message.set("Drop files or folders here first, or use Add.");
            return false;
        }
        Filters f;
        try {
            f = filters();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return false;
        }
        running.set(true);
        expandCancelled = false;
        rows.clear();
        taken = 0;
        progress.set(-1);
        progressText.set("Finding files…");
        message.set("");
        List<Path> from = List.copyOf(sources);
        offThread.run(() -> service.expand(from, f), expanded -> begin(expanded, f), e -> {
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage() : e.getMessage();
            message.set("Could not walk the folders: " + why);
            expandCancelled = true;
            begin(null, f);
        });
        return true;
    }

    private void begin(FilesService.Expanded expanded, Filters f) {
        if (expandCancelled) {
            running.set(false);
            progress.set(0);
            progressText.set("Cancelled");
            return;
        }
        batch.clear();
        batch.addAll(expanded.files());
        if (!expanded.problems().isEmpty()) {
            message.set(Format.count(expanded.problems().size(), "folder or link") + " could not be walked: "
                    + expanded.problems().getFirst() + (expanded.problems().size() > 1 ? " …" : ""));
        }
        if (batch.isEmpty()) {
            running.set(false);
            progress.set(0);
            progressText.set("No files match the filters.");
            return;
        }
        handle = service.read(batch, f, workers.get());
        tick();
    }

    /** Takes the rows completed since the last tick and updates progress. Call on the FX thread. */
    public void tick() {
        if (handle == null) {
            return;
        }
        List<FileRow> fresh = handle.completedSince(taken);
        if (!fresh.isEmpty()) {
            rows.addAll(fresh);
            taken += fresh.size();
        }
        Progress p = handle.progress();
        progress.set(p.fraction());
        var waiting = handle.waitingFor();
        progressText.set(waiting.isPresent()
                ? String.format(Locale.ROOT, "Queued (%,d files): %s", p.itemsTotal(), waiting.get())
                : describe(p, service.lastWorkers()));
        if (handle.isDone() && taken >= p.itemsDone()) {
            running.set(false);
            progressText.set((handle.isCancelled() ? "Cancelled: " : "Done: ") + describe(p, service.lastWorkers()));
            handle = null;
        }
    }

    static String describe(Progress p, String workers) {
        String eta = p.eta().filter(d -> !d.isZero()).map(FilesViewModel::clock).map(s -> " · ETA " + s).orElse("");
        return String.format(Locale.ROOT, "%,d / %,d files · %,.0f files/s · %s · %s%s · %s",
                p.itemsDone(), p.itemsTotal(), p.itemsPerSecond(), Format.rate(p.bytesPerSecond()),
                p.failed() == 0 ? "no errors" : Format.count(p.failed(), "error"), eta, workers);
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    public void cancel() {
        expandCancelled = true;
        if (handle != null) {
            handle.cancel();
        }
    }

    /** The files of the last batch that were read successfully, for the tools. */
    public List<Path> readableFiles() {
        List<Path> ok = new ArrayList<>();
        for (FileRow r : rows) {
            if (r.ok()) {
                ok.add(r.path());
            }
        }
        return ok;
    }

    public FilesService service() {
        return service;
    }

    public ObservableList<Path> sources() {
        return sources;
    }

    public ObservableList<FileRow> rows() {
        return rows;
    }

    public StringProperty globProperty() {
        return glob;
    }

    public StringProperty extensionsProperty() {
        return extensions;
    }

    public StringProperty maxSizeProperty() {
        return maxSize;
    }

    public BooleanProperty hiddenProperty() {
        return hidden;
    }

    public BooleanProperty ignoreFilesProperty() {
        return ignoreFiles;
    }

    public ObjectProperty<Workers> workersProperty() {
        return workers;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty progressTextProperty() {
        return progressText;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
