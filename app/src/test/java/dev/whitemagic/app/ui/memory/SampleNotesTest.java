package dev.whitemagic.app.ui.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.memory.MemorySort;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.memory.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample notes the app ships: the index names every file, and every note opens cleanly. */
class SampleNotesTest {

    @TempDir
    Path home;

    @Test
    void index_namesEveryPackagedNote() throws Exception {
        Path packaged = Path.of(SampleNotes.class.getResource(SampleNotes.ROOT + "index.txt").toURI()).getParent();
        try (Stream<Path> files = Files.walk(packaged)) {
            List<String> found = files.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> packaged.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(SampleNotes.files()).containsExactlyElementsOf(found).hasSize(50);
        }
    }

    @Test
    void extract_thenOpen_fiftyNotesNoProblems_andKeepsChangesOnASecondExtract() throws Exception {
        SampleNotes.extract(home);
        try (MemoryStore store = MemoryStore.open(home, Executors.newVirtualThreadPerTaskExecutor())) {
            assertThat(store.size()).isEqualTo(50);
            assertThat(store.problems()).noneMatch(p -> p.contains("memory/"));
            assertThat(store.list(MemoryType.ARCHIVE, true, MemorySort.TITLE)).hasSize(3);
            assertThat(store.search("cache stampede", null, List.of(), false, 5)).isNotEmpty();
        }
        Path one = home.resolve(SampleNotes.files().getLast());
        Files.writeString(one, Files.readString(one) + "\nmy own line\n");
        SampleNotes.extract(home);
        assertThat(Files.readString(one)).contains("my own line");
    }
}
