package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.md;
import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static dev.whitemagic.engine.memory.MemoryFixtures.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySearchTest {

    @TempDir
    Path home;

    @BeforeEach
    void fixture() throws IOException {
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_deploy.md",
                md("Deployment checklist", "ops, deploy", "Run the database migration before the rollout."));
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120001_body.md",
                md("Friday notes", "ops", "We talked about deployment and coffee."));
        writeRaw(home, MemoryType.LONG_TERM, "20250101_120002_bug.md",
                md("Bug fix for login", "bug", "The session cookie expired too early; fixed the clock skew."));
        writeRaw(home, MemoryType.ARCHIVE, "20250101_120003_old.md",
                md("Old deployment", "ops", "Legacy deployment with FTP."));
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    @Test
    void search_titleMatch_ranksAboveBodyMatch() {
        try (MemoryStore store = open(home)) {
            List<SearchHit> hits = store.search("deployment", null, List.of(), false, 10);

            assertThat(ids(hits)).containsExactly("20250101_120000_deploy", "20250101_120001_body");
            assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
            assertThat(hits.get(1).preview()).contains("«deployment»");
            assertThat(hits.get(0).type()).isEqualTo(MemoryType.SHORT_TERM);
            assertThat(hits.get(0).tags()).containsExactly("ops", "deploy");
        }
    }

    /** The ids remembered per index segment stay right as documents are changed, moved, deleted and added. */
    @Test
    void search_afterChanges_idsOfTheCurrentDocuments() {
        try (MemoryStore store = open(home)) {
            assertThat(ids(store.search("deployment", null, List.of(), false, 10)))
                    .containsExactly("20250101_120000_deploy", "20250101_120001_body");

            store.update(MemoryUpdate.of("20250101_120001_body").withTitle("Deployment friday"));
            store.delete("20250101_120000_deploy", true);
            Memory created = store.create(MemoryDraft.of("Zeppelin deployment", "About the deployment.", "ops"));

            assertThat(ids(store.search("deployment", null, List.of(), false, 10)))
                    .containsExactlyInAnyOrder("20250101_120001_body", created.id());
            store.flush();
            assertThat(ids(store.search("zeppelin", null, List.of(), false, 10))).containsExactly(created.id());
            assertThat(ids(store.search("migration", null, List.of(), false, 10))).isEmpty();
        }
    }

    @Test
    void search_includeArchived_findsArchive() {
        try (MemoryStore store = open(home)) {
            assertThat(ids(store.search("deployment", null, List.of(), true, 10))).contains("20250101_120003_old");
            assertThat(ids(store.search("deployment", MemoryType.ARCHIVE, List.of(), false, 10)))
                    .containsExactly("20250101_120003_old");
        }
    }

    @Test
    void search_phrase_matchesOnlyTheSequence() {
        try (MemoryStore store = open(home)) {
            assertThat(ids(store.search("\"database migration\"", null, List.of(), false, 10)))
                    .containsExactly("20250101_120000_deploy");
            assertThat(store.search("\"migration database\"", null, List.of(), false, 10)).isEmpty();
        }
    }

    @Test
    void search_prefixAndFuzzy() {
        try (MemoryStore store = open(home)) {
            List<SearchHit> prefix = store.search("sess*", null, List.of(), false, 10);
            assertThat(ids(prefix)).containsExactly("20250101_120002_bug");
            assertThat(prefix.get(0).preview()).contains("«session»");
            assertThat(ids(store.search("cooky~", null, List.of(), false, 10))).containsExactly("20250101_120002_bug");
        }
    }

    @Test
    void search_tags_areAnded() {
        try (MemoryStore store = open(home)) {
            assertThat(ids(store.search("deployment", null, List.of("OPS"), false, 10)))
                    .containsExactly("20250101_120000_deploy", "20250101_120001_body");
            assertThat(ids(store.search("deployment", null, List.of("ops", "deploy"), false, 10)))
                    .containsExactly("20250101_120000_deploy");
            assertThat(ids(store.search("", null, List.of("bug"), false, 10))).containsExactly("20250101_120002_bug");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy AND (", "\"unclosed", "*leading", "a:b:c [x TO", "!!!", "~", "AND", "\\"})
    void search_invalidSyntax_searchedAsTextWithoutException(String query) {
        try (MemoryStore store = open(home)) {
            assertThat(store.search(query, null, List.of(), false, 10)).isNotNull();
        }
    }

    @Test
    void search_invalidSyntax_stillFindsTheWords() {
        try (MemoryStore store = open(home)) {
            assertThat(ids(store.search("migration AND (", null, List.of(), false, 10)))
                    .containsExactly("20250101_120000_deploy");
        }
    }

    @Test
    void search_pastedDocument_tooManyWordsStillSearched() {
        try (MemoryStore store = open(home)) {
            String query = "migration " + "lorem ipsum dolor ".repeat(1500);

            assertThat(ids(store.search(query, null, List.of(), false, 10))).containsExactly("20250101_120000_deploy");
        }
    }

    @Test
    void index_deleted_rebuiltWithNothingLost() throws IOException {
        try (MemoryStore store = open(home)) {
            store.create(MemoryDraft.of("Created through the store", "quokka"));
        }
        BatchStaging.deleteTree(home.resolve("index"));
        try (MemoryStore store = open(home)) {
            assertThat(store.search("quokka", null, List.of(), false, 10)).hasSize(1);
            assertThat(store.search("deployment", null, List.of(), false, 10)).hasSize(2);
        }
    }

    @Test
    void index_garbage_rebuilt() throws IOException {
        open(home).close();
        try (Stream<Path> files = Files.list(home.resolve("index/memory"))) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals("write.lock")) {
                    Files.writeString(p, "garbage garbage garbage garbage garbage garbage garbage");
                }
            }
        }
        try (MemoryStore store = open(home)) {
            assertThat(store.problems()).anyMatch(p -> p.contains("damaged"));
            assertThat(ids(store.search("session", null, List.of(), false, 10))).containsExactly("20250101_120002_bug");
        }
    }

    @Test
    void index_staleAfterEditWhileClosed_rebuilt() throws IOException {
        open(home).close();
        writeRaw(home, MemoryType.LONG_TERM, "20250101_120002_bug.md", md("Bug fix", "bug", "wombat"));
        try (MemoryStore store = open(home)) {
            assertThat(ids(store.search("wombat", null, List.of(), false, 10))).containsExactly("20250101_120002_bug");
            assertThat(store.search("session", null, List.of(), false, 10)).isEmpty();
        }
    }

    @Test
    void index_twoStoresOnOneHome_bothSearchTheSharedIndex() {
        try (MemoryStore first = open(home); MemoryStore second = open(home)) {
            assertThat(second.problems()).noneMatch(p -> p.contains("locked") || p.contains("in-memory"));
            assertThat(ids(second.search("session", null, List.of(), false, 10))).containsExactly("20250101_120002_bug");
            assertThat(ids(first.search("session", null, List.of(), false, 10))).containsExactly("20250101_120002_bug");
        }
    }

    /** A fresh home opened under two spellings (a link, before and after its folders exist) shares one writer lock. */
    @Test
    void twoSpellingsOfOneHome_inOneProcess_bothWrite(@TempDir Path other) throws Exception {
        Path fresh = other.resolve("fresh");
        Path link = Files.createSymbolicLink(other.resolve("link"), other);
        try (MemoryStore a = open(link.resolve("fresh"))) { // through the link, before the folders exist
            try (MemoryStore b = open(fresh)) {
                a.create(MemoryDraft.of("From a", "wombat a"));
                b.create(MemoryDraft.of("From b", "wombat b"));
                assertThat(b.search("wombat", null, List.of(), false, 10)).hasSize(2);
            }
            assertThat(a.search("wombat", null, List.of(), false, 10)).hasSize(2);
        }
    }

    @Test
    void index_current_notRebuiltOnOpen() {
        open(home).close();
        try (MemoryStore store = open(home)) {
            assertThat(store.problems()).noneMatch(p -> p.contains("rebuilt"));
            assertThat(store.search("session", null, List.of(), false, 10)).hasSize(1);
        }
    }
}
