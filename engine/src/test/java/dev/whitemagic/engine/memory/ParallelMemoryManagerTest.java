package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.md;
import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static dev.whitemagic.engine.memory.MemoryFixtures.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelMemoryManagerTest {

    @TempDir
    Path home;

    @BeforeEach
    void fixture() throws IOException {
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_deploy.md",
                md("Deployment checklist", "ops", "Run the database migration before the rollout."));
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120001_bug.md",
                md("Bug fix for deployment", "bug", "The rollout broke the login; fixed."));
        writeRaw(home, MemoryType.LONG_TERM, "20250101_120002_feature.md",
                md("Feature flags", "dev", "Flags let us ship dark."));
    }

    @Test
    void parallelSearch_eachQueryKeepsItsOwnResults() {
        try (MemoryStore store = open(home)) {
            MultiSearchResult r = new ParallelMemoryManager(store).parallelSearch(List.of("deployment", "feature", "nothing"), false, 3);

            assertThat(r.perQuery()).extracting(MultiSearchResult.QueryResult::query).containsExactly("deployment", "feature", "nothing");
            assertThat(r.perQuery().get(0).hits()).hasSize(2);
            assertThat(r.perQuery().get(1).hits()).extracting(SearchHit::id).containsExactly("20250101_120002_feature");
            assertThat(r.perQuery().get(2).hits()).isEmpty();
            assertThat(r.merged()).hasSize(3);
        }
    }

    @Test
    void parallelSearch_deduplicate_keepsBestScoreAndEveryQuery() {
        try (MemoryStore store = open(home)) {
            MultiSearchResult r = new ParallelMemoryManager(store).parallelSearch(List.of("rollout", "deployment"), true, 2);

            assertThat(r.merged()).extracting(MultiSearchResult.MergedHit::id).doesNotHaveDuplicates().hasSize(2);
            for (MultiSearchResult.MergedHit m : r.merged()) {
                assertThat(m.queries()).containsExactly("rollout", "deployment");
                float best = r.perQuery().stream().flatMap(q -> q.hits().stream()).filter(h -> h.id().equals(m.id()))
                        .map(SearchHit::score).max(Float::compare).orElseThrow();
                assertThat(m.bestScore()).isEqualTo(best);
                assertThat(m.hit().score()).isEqualTo(best);
            }
            assertThat(r.merged().get(0).bestScore()).isGreaterThanOrEqualTo(r.merged().get(1).bestScore());
        }
    }

    @Test
    void parallelSearch_manyQueriesConcurrently_sameAsSequential() {
        try (MemoryStore store = open(home)) {
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                queries.add(List.of("deployment", "rollout", "flags", "login OR migration", "\"database migration\"", "dep*").get(i % 6));
            }
            ParallelMemoryManager manager = new ParallelMemoryManager(store);

            MultiSearchResult sequential = manager.parallelSearch(queries, true, 1);
            MultiSearchResult parallel = manager.parallelSearch(queries, true, 16);

            assertThat(parallel).isEqualTo(sequential);
            assertThat(parallel.perQuery()).allMatch(q -> q.error() == null && !q.hits().isEmpty());
        }
    }

    @Test
    void batchCreate_atomicWithOneInvalid_createsNothing() {
        try (MemoryStore store = open(home)) {
            BatchCreateResult r = new ParallelMemoryManager(store).batchCreateMemories(List.of(
                    MemoryDraft.of("One", "1"), MemoryDraft.of(" ", "bad"), MemoryDraft.of("Three", "3")), true);

            assertThat(r.committed()).isFalse();
            assertThat(r.created()).isEmpty();
            assertThat(r.items().get(1).error()).isEqualTo("title is empty");
            assertThat(r.items().get(0).error()).contains("atomic", "item 1");
            assertThat(store.size()).isEqualTo(3);
        }
        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isEqualTo(3);
        }
    }

    @Test
    void batchCreate_atomic_createsAllSearchable() {
        try (MemoryStore store = open(home)) {
            List<MemoryDraft> drafts = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                drafts.add(MemoryDraft.of("Batch item", "platypus number " + i, "batch"));
            }
            BatchCreateResult r = new ParallelMemoryManager(store).batchCreateMemories(drafts, true);

            assertThat(r.committed()).isTrue();
            assertThat(r.created()).hasSize(150).extracting(Memory::id).doesNotHaveDuplicates();
            assertThat(store.search("platypus", null, List.of("batch"), false, 500)).hasSize(150);
            assertThat(home.resolve("memory/.staging")).isEmptyDirectory();
        }
    }

    @Test
    void batchCreate_nonAtomic_createsGoodOnesAndReportsFailures() {
        try (MemoryStore store = open(home)) {
            BatchCreateResult r = new ParallelMemoryManager(store).batchCreateMemories(List.of(
                    MemoryDraft.of("One", "1"), MemoryDraft.of("", "bad"), MemoryDraft.of("Three", "3")), false);

            assertThat(r.committed()).isTrue();
            assertThat(r.created()).extracting(Memory::title).containsExactly("One", "Three");
            assertThat(r.failures()).singleElement().satisfies(f -> {
                assertThat(f.index()).isEqualTo(1);
                assertThat(f.error()).isEqualTo("title is empty");
            });
            assertThat(store.size()).isEqualTo(5);
        }
    }

    /** The index takes a batch's documents while its files are committed: a failed commit takes them out again. */
    @Test
    void batchCreate_atomicFilesCannotBeWritten_nothingCreatedNorSearchable() throws IOException {
        try (MemoryStore store = open(home)) {
            java.nio.file.Files.writeString(home.resolve("memory/" + BatchStaging.FOLDER), "not a folder");
            BatchCreateResult r = new ParallelMemoryManager(store).batchCreateMemories(
                    List.of(MemoryDraft.of("A", "kiwi"), MemoryDraft.of("B", "kiwi")), true);

            assertThat(r.committed()).isFalse();
            assertThat(r.items()).allMatch(i -> i.error() != null && i.error().contains("batch not created"));
            assertThat(store.size()).isEqualTo(3);
            assertThat(store.search("kiwi", null, List.of(), false, 10)).isEmpty();
            assertThat(store.search("", null, List.of(), true, 10)).hasSize(3);
        }
    }

    @Test
    void batchCreate_crashBeforeCommitMarker_nothingAfterReopen() {
        List<MemoryDraft> drafts = List.of(MemoryDraft.of("A", "kiwi"), MemoryDraft.of("B", "kiwi"), MemoryDraft.of("C", "kiwi"),
                MemoryDraft.of("D", "kiwi"));
        MemoryStore store = open(home);
        store.staging.crashAfterStaged = 3;
        try {
            new ParallelMemoryManager(store).batchCreateMemories(drafts, true);
        } catch (BatchStaging.SimulatedCrash expected) {
            // the process "died" here
        }
        store.close();

        try (MemoryStore reopened = open(home)) {
            assertThat(reopened.size()).isEqualTo(3);
            assertThat(reopened.search("kiwi", null, List.of(), false, 10)).isEmpty();
            assertThat(reopened.problems()).anyMatch(p -> p.contains("discarded"));
            assertThat(home.resolve("memory/.staging")).isEmptyDirectory();
        }
    }

    @Test
    void batchCreate_crashAfterCommitMarker_wholeBatchAfterReopen() {
        List<MemoryDraft> drafts = List.of(MemoryDraft.of("A", "kiwi"), MemoryDraft.of("B", "kiwi"), MemoryDraft.of("C", "kiwi"),
                MemoryDraft.of("D", "kiwi"));
        MemoryStore store = open(home);
        store.staging.crashAfterMoved = 2;
        try {
            new ParallelMemoryManager(store).batchCreateMemories(drafts, true);
        } catch (BatchStaging.SimulatedCrash expected) {
            // the process "died" here
        }
        store.close();

        try (MemoryStore reopened = open(home)) {
            assertThat(reopened.size()).isEqualTo(7);
            assertThat(reopened.search("kiwi", null, List.of(), false, 10)).extracting(SearchHit::title)
                    .containsExactlyInAnyOrder("A", "B", "C", "D");
            assertThat(reopened.problems()).anyMatch(p -> p.contains("finished an interrupted batch: 2 files"));
        }
    }

    @Test
    void parallelUpdate_eachResultAValue() {
        try (MemoryStore store = open(home)) {
            List<UpdateResult> r = new ParallelMemoryManager(store).parallelUpdateMemories(List.of(
                    MemoryUpdate.of("20250101_120000_deploy").addTags("a"),
                    MemoryUpdate.of("missing").addTags("a"),
                    MemoryUpdate.of("20250101_120001_bug").withTitle(" "),
                    MemoryUpdate.of("20250101_120000_deploy").addTags("b"),
                    MemoryUpdate.of("20250101_120002_feature").withContent("new wallaby body")));

            assertThat(r).extracting(UpdateResult::error).containsExactly(null, "no such memory", "title is empty", null, null);
            assertThat(store.read("20250101_120000_deploy").orElseThrow().tags()).containsExactly("ops", "a", "b");
            assertThat(store.search("wallaby", null, List.of(), false, 10)).hasSize(1);
        }
    }
}
