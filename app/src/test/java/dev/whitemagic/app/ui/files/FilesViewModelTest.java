package dev.whitemagic.app.ui.files;

import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.app.files.FilesService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.app.files.FilesService.FileRow;
import dev.whitemagic.app.files.FilesService.Filters;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.Progress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The pane's logic without a toolkit, on a scripted batch. */
class FilesViewModelTest {

    /** A batch whose results the test releases by hand. */
    static final class ScriptedBatch implements BatchHandle<FileRow> {
        final List<FileRow> all;
        final List<FileRow> released = new ArrayList<>();
        final CompletableFuture<List<FileRow>> result = new CompletableFuture<>();
        boolean cancelled;

        ScriptedBatch(List<FileRow> all) {
            this.all = all;
        }

        void release(int n) {
            for (int i = 0; i < n && released.size() < all.size(); i++) {
                released.add(all.get(released.size()));
            }
            if (released.size() == all.size()) {
                result.complete(List.copyOf(released));
            }
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Progress progress() {
            return new Progress(released.size(), all.size(), released.stream().filter(r -> !r.ok()).count(),
                    released.size() * 100L, Duration.ofSeconds(1));
        }

        @Override
        public List<FileRow> completedSince(int from) {
            return from >= released.size() ? List.of() : List.copyOf(released.subList(from, released.size()));
        }

        @Override
        public void cancel() {
            cancelled = true;
            result.complete(List.copyOf(released));
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public CompletableFuture<List<FileRow>> result() {
            return result;
        }
    }

    private final List<Path> expandedFiles = new ArrayList<>();
    private boolean walkFails;
    private ScriptedBatch batch;
    private Filters seenFilters;

    private final FilesService service = (FilesService) java.lang.reflect.Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {FilesService.class}, (proxy, method, args) -> switch (method.getName()) {
                case "expand" -> {
                    if (walkFails) {
                        throw new java.io.UncheckedIOException(new java.io.IOException("permission denied"));
                    }
                    seenFilters = (Filters) args[1];
                    yield new FilesService.Expanded(List.copyOf(expandedFiles), List.of("loop at /x/link"));
                }
                case "read" -> {
                    @SuppressWarnings("unchecked")
                    List<Path> files = (List<Path>) args[0];
                    List<FileRow> rows = new ArrayList<>();
                    for (Path p : files) {
                        boolean ok = !p.toString().endsWith("bad");
                        rows.add(new FileRow(p, 100, ok ? "read" : "", 0.5, "UTF-8", ok ? null : "permission denied", ok));
                    }
                    batch = new ScriptedBatch(rows);
                    yield batch;
                }
                case "lastWorkers" -> "TIER_0 · 8 workers (adaptive)";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final FilesViewModel model = new FilesViewModel(service);

    @Test
    void start_withNothingAdded_saysWhatToDo() {
        assertThat(model.start(OffThread.INLINE)).isFalse();
        assertThat(model.messageProperty().get()).contains("Drop files or folders");
        assertThat(model.runningProperty().get()).isFalse();
    }

    /** The walk now fails inside the view model's one off-thread step (it was the pane's two-step Runnable[]). */
    @Test
    void start_walkFails_saysWhyAndEndsCancelled() {
        walkFails = true;
        model.add(List.of(Path.of("/data")));
        assertThat(model.start(OffThread.INLINE)).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("Could not walk the folders: permission denied");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressTextProperty().get()).isEqualTo("Cancelled");
    }

    @Test
    void rows_arriveInBatches_perTick_andProgressFollows() {
        for (int i = 0; i < 10; i++) {
            expandedFiles.add(Path.of("/data/f" + i + (i == 7 ? "bad" : "")));
        }
        model.add(List.of(Path.of("/data")));
        assertThat(model.start(OffThread.INLINE)).isTrue();
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).contains("1 folder or link could not be walked");

        batch.release(4);
        model.tick();
        assertThat(model.rows()).hasSize(4);
        assertThat(model.progressProperty().get()).isEqualTo(0.4);
        assertThat(model.progressTextProperty().get()).contains("4 / 10 files").contains("TIER_0");

        batch.release(6);
        model.tick();
        assertThat(model.rows()).hasSize(10);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressTextProperty().get()).startsWith("Done:").contains("1 error");
        assertThat(model.readableFiles()).hasSize(9).doesNotContain(Path.of("/data/f7bad"));
    }

    @Test
    void hundredThousandFiles_arriveInAFewListUpdates() {
        for (int i = 0; i < 100_000; i++) {
            expandedFiles.add(Path.of("/big/f" + i));
        }
        model.add(List.of(Path.of("/big")));
        model.start(OffThread.INLINE);
        int[] changes = new int[1];
        model.rows().addListener((javafx.collections.ListChangeListener<FileRow>) c -> changes[0]++);
        for (int tick = 0; tick < 10; tick++) {
            batch.release(10_000);
            model.tick();
        }
        assertThat(model.rows()).hasSize(100_000);
        // One list change per tick, not one per file: the table re-lays out ten times, not 100,000.
        assertThat(changes[0]).isEqualTo(10);
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void cancel_stopsTheBatch_andSaysSo() {
        expandedFiles.addAll(List.of(Path.of("/a"), Path.of("/b"), Path.of("/c")));
        model.add(List.of(Path.of("/data")));
        model.start(OffThread.INLINE);
        batch.release(1);
        model.cancel();
        model.tick();
        assertThat(batch.cancelled).isTrue();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.rows()).hasSize(1);
        assertThat(model.progressTextProperty().get()).startsWith("Cancelled:");
    }

    @Test
    void filters_parseWhatPeopleType() {
        model.extensionsProperty().set(" *.java, .MD;txt ");
        model.maxSizeProperty().set("500k");
        model.globProperty().set("src/**");
        Filters f = model.filters();
        assertThat(f.extensions()).isEqualTo(Set.of("java", "md", "txt"));
        assertThat(f.maxSize()).isEqualTo(500 * 1024);
        assertThat(f.glob()).isEqualTo("src/**");
        assertThat(FilesViewModel.parseSize("64 MiB")).isEqualTo(64L << 20);
        assertThat(FilesViewModel.parseSize("2g")).isEqualTo(2L << 30);
        assertThat(FilesViewModel.parseSize("")).isEqualTo(Filters.DEFAULT_MAX_SIZE);
        assertThatThrownBy(() -> FilesViewModel.parseSize("lots")).hasMessageContaining("'lots' is not a size");
    }

    @Test
    void start_badMaxSize_isAMessage_notAnException() {
        model.add(List.of(Path.of("/data")));
        model.maxSizeProperty().set("huge");
        assertThat(model.start(OffThread.INLINE)).isFalse();
        assertThat(model.messageProperty().get()).contains("'huge' is not a size");
        assertThat(seenFilters).isNull();
    }

    @Test
    void add_ignoresDuplicates() {
        model.add(List.of(Path.of("/a/../a/x"), Path.of("/a/x")));
        assertThat(model.sources()).containsExactly(Path.of("/a/x"));
    }
}
