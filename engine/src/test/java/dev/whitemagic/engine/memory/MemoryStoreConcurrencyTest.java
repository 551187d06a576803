package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryStoreConcurrencyTest {

    @TempDir
    Path home;

    @Test
    void createsUpdatesAndSearches_concurrently_nothingLost() {
        try (MemoryStore store = open(home)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            List<CompletableFuture<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(CompletableFuture.runAsync(() -> {
                    while (writing.get()) {
                        assertThat(store.search("numbat OR tag*", null, List.of(), false, 50)).isNotNull();
                        assertThat(store.list(null, true, MemorySort.TITLE)).isNotNull();
                        pause(); // virtual threads are not preempted: leave the carriers to the writers
                    }
                }, MemoryFixtures.EXECUTOR));
            }
            List<CompletableFuture<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 15; i++) {
                        Memory m = store.create(MemoryDraft.of("Same title", "numbat " + writer + " " + i));
                        store.update(MemoryUpdate.of(m.id()).addTags("w" + writer));
                    }
                }, MemoryFixtures.EXECUTOR));
            }
            writers.forEach(CompletableFuture::join);
            writing.set(false);
            readers.forEach(CompletableFuture::join);

            assertThat(store.size()).isEqualTo(60);
            assertThat(store.search("numbat", null, List.of("w2"), false, 100)).hasSize(15);
        }
        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isEqualTo(60);
            assertThat(store.problems()).noneMatch(p -> p.contains("rebuilt"));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
