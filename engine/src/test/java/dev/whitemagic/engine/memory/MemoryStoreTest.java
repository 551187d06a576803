package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.md;
import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static dev.whitemagic.engine.memory.MemoryFixtures.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MemoryStoreTest {

    @TempDir
    Path home;

    @Test
    void open_emptyHome_createsTheThreeFolders() {
        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isZero();
        }
        assertThat(home.resolve("memory/short_term")).isDirectory();
        assertThat(home.resolve("memory/long_term")).isDirectory();
        assertThat(home.resolve("memory/archive")).isDirectory();
    }

    @Test
    void create_writesWhiteMagicFile() throws Exception {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(MemoryDraft.of("Deploy Notes!", "Run the migration first.", "ops", "deploy"));

            assertThat(m.id()).matches("\\d{8}_\\d{6}_deploy_notes");
            assertThat(m.path()).isEqualTo(home.resolve("memory/short_term/" + m.id() + ".md"));
            assertThat(Files.readString(m.path())).isEqualTo("---\ntitle: Deploy Notes!\ncreated: " + m.created()
                    + "\ntags: ops, deploy\n---\nRun the migration first.");
            assertThat(store.read(m.id())).contains(m);
        }
    }

    @Test
    void create_sameTitleTwice_uniqueIds() {
        try (MemoryStore store = open(home)) {
            Memory a = store.create(MemoryDraft.of("Same", "a"));
            Memory b = store.create(MemoryDraft.of("Same", "b"));
            Memory c = store.create(MemoryDraft.of("Same", "c"));

            assertThat(List.of(a.id(), b.id(), c.id())).doesNotHaveDuplicates();
            assertThat(store.size()).isEqualTo(3);
        }
    }

    @Test
    void create_blankTitle_rejected() {
        try (MemoryStore store = open(home)) {
            assertThatThrownBy(() -> store.create(MemoryDraft.of("  ", "x"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("title");
        }
    }

    @Test
    void update_titleContentTags_savedUnderSameId() throws Exception {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(MemoryDraft.of("Old", "old body", "todo", "x"));

            Memory u = store.update(MemoryUpdate.of(m.id()).withTitle("New").withContent("new body")
                    .addTags("done").removeTags("TODO")).orElseThrow();

            assertThat(u.id()).isEqualTo(m.id());
            assertThat(u.title()).isEqualTo("New");
            assertThat(u.tags()).containsExactly("x", "done");
            assertThat(u.updated()).isNotNull();
            assertThat(Files.readString(m.path())).contains("title: New", "tags: x, done", "new body");
            assertThat(store.update(MemoryUpdate.of("nope").withTitle("t"))).isEmpty();
        }
    }

    @Test
    void delete_archiveThenRestore_returnsToItsFolder() {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(new MemoryDraft("Keep", "body", List.of(), MemoryType.LONG_TERM, null));

            assertThat(store.delete(m.id(), false)).isTrue();
            Memory archived = store.read(m.id()).orElseThrow();
            assertThat(archived.type()).isEqualTo(MemoryType.ARCHIVE);
            assertThat(archived.path()).isEqualTo(home.resolve("memory/archive/" + m.id() + ".md"));
            assertThat(m.path()).doesNotExist();
            assertThat(store.list(null, false, MemorySort.NEWEST_FIRST)).isEmpty();
            assertThat(store.list(null, true, MemorySort.NEWEST_FIRST)).hasSize(1);

            Memory back = store.restore(m.id()).orElseThrow();
            assertThat(back.type()).isEqualTo(MemoryType.LONG_TERM);
            assertThat(back.extra()).isEmpty();
            assertThat(m.path()).exists();
        }
    }

    @Test
    void restore_archivedOutsideTheApp_goesToShortTerm() throws Exception {
        writeRaw(home, MemoryType.ARCHIVE, "20250101_120000_x.md", md("X", "", "body"));
        try (MemoryStore store = open(home)) {
            Memory back = store.restore("20250101_120000_x").orElseThrow();

            assertThat(back.type()).isEqualTo(MemoryType.SHORT_TERM);
            assertThat(home.resolve("memory/short_term/20250101_120000_x.md")).exists();
            assertThat(store.restore("missing")).isEmpty();
        }
    }

    @Test
    void open_sameFileNameInTwoFolders_bothKeptWithUniqueIds() throws Exception {
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_x.md", md("Short", "", "one"));
        writeRaw(home, MemoryType.ARCHIVE, "20250101_120000_x.md", md("Archived", "", "two"));
        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isEqualTo(2);
            assertThat(store.read("20250101_120000_x").orElseThrow().title()).isEqualTo("Short");
            Memory dup = store.read("20250101_120000_x@archive").orElseThrow();
            assertThat(dup.title()).isEqualTo("Archived");
            assertThat(dup.warning()).contains("same file name");
            assertThat(store.problems()).anyMatch(p -> p.contains("same file name"));
        }
    }

    @Test
    void delete_permanent_removesFile() {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(MemoryDraft.of("Gone", "body"));

            assertThat(store.delete(m.id(), true)).isTrue();

            assertThat(m.path()).doesNotExist();
            assertThat(store.read(m.id())).isEmpty();
            assertThat(store.delete(m.id(), true)).isFalse();
        }
    }

    @Test
    void list_byTypeAndSort() throws Exception {
        writeRaw(home, MemoryType.SHORT_TERM, "20250103_000000_b.md", md("banana", "", "x"));
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_000000_a.md", md("Apple", "", "x").replace("2025-01-01T12", "2025-01-03T12"));
        writeRaw(home, MemoryType.LONG_TERM, "20250102_000000_c.md", md("cherry", "", "x").replace("2025-01-01T12", "2025-01-02T12"));
        try (MemoryStore store = open(home)) {
            assertThat(store.list(null, false, MemorySort.TITLE)).extracting(Memory::title).containsExactly("Apple", "banana", "cherry");
            assertThat(store.list(null, false, MemorySort.NEWEST_FIRST)).extracting(Memory::title)
                    .containsExactly("Apple", "cherry", "banana");
            assertThat(store.list(MemoryType.LONG_TERM, false, MemorySort.OLDEST_FIRST)).extracting(Memory::title)
                    .containsExactly("cherry");
        }
    }

    @Test
    void open_existingWhiteMagicFolder_readsEveryVariant() throws Exception {
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_plain.md", md("Plain", "a, b", "one"));
        writeRaw(home, MemoryType.LONG_TERM, "20250101_120000_json.md", md("Json", "[\"a\", \"b\"]", "two").replace("12:00:00Z", "12:00:00"));
        writeRaw(home, MemoryType.ARCHIVE, "20250101_120000_extra.md",
                "---\ntitle: Extra\ncreated: 2025-01-01T12:00:00Z\nsource: web\ntags: a\n---\nthree");
        writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_broken.md", "---\ntitle: Broken\nno colon here\nbody");
        writeRaw(home, MemoryType.SHORT_TERM, ".hidden.md", md("Hidden", "", ""));
        writeRaw(home, MemoryType.SHORT_TERM, "notes.txt", "not a memory");

        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isEqualTo(4);
            assertThat(store.read("20250101_120000_json").orElseThrow().tags()).containsExactly("a", "b");
            assertThat(store.read("20250101_120000_json").orElseThrow().created()).isEqualTo(Instant.parse("2025-01-01T12:00:00Z"));
            assertThat(store.read("20250101_120000_extra").orElseThrow().extra()).containsEntry("source", "web");
            Memory broken = store.read("20250101_120000_broken").orElseThrow();
            assertThat(broken.warning()).contains("not closed");
            assertThat(broken.content()).contains("body");

            store.update(MemoryUpdate.of("20250101_120000_extra").addTags("z"));
        }
        assertThat(Files.readString(home.resolve("memory/archive/20250101_120000_extra.md"))).contains("source: web");
    }

    @Test
    void metadata_keptCurrent() throws Exception {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(MemoryDraft.of("Meta", "body", "t1"));
            store.flush();
            JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(home.resolve("memory/metadata.json")));
            JsonNode e = root.get("memory_index").get(m.id());
            assertThat(e.get("title").asString()).isEqualTo("Meta");
            assertThat(e.get("type").asString()).isEqualTo("short_term");
            assertThat(e.get("path").asString()).isEqualTo("short_term/" + m.id() + ".md");
            assertThat(e.get("tags").get(0).asString()).isEqualTo("t1");
            assertThat(root.get("consolidation_log").isArray()).isTrue();

            store.delete(m.id(), false);
            store.flush();
            root = JsonMapper.builder().build().readTree(Files.readAllBytes(home.resolve("memory/metadata.json")));
            assertThat(root.get("memory_index").get(m.id()).get("type").asString()).isEqualTo("archive");
        }
    }

    /** metadata.json is read back only when something else wrote it: a key added by another tool is kept. */
    @Test
    void metadata_keyAddedByAnotherToolBetweenWrites_kept() throws Exception {
        try (MemoryStore store = open(home)) {
            store.create(MemoryDraft.of("First", "body"));
            store.flush();
            Path file = home.resolve("memory/metadata.json");
            String text = Files.readString(file);
            Files.writeString(file, "{\n  \"other_tool\" : { \"x\" : 1 },\n" + text.substring(text.indexOf('{') + 1));
            Memory second = store.create(MemoryDraft.of("Second", "body"));
            store.flush();

            JsonNode root = JsonMapper.builder().build().readTree(Files.readAllBytes(file));
            assertThat(root.get("other_tool").get("x").asInt()).isEqualTo(1);
            assertThat(root.get("memory_index").get(second.id()).get("title").asString()).isEqualTo("Second");
            assertThat(root.get("memory_index").size()).isEqualTo(2);
        }
    }

    @Test
    void close_writesPendingMetadata() throws Exception {
        Memory m;
        try (MemoryStore store = open(home)) {
            m = store.create(MemoryDraft.of("Pending", "body"));
        }
        assertThat(Files.readString(home.resolve("memory/metadata.json"))).contains(m.id());
        try (MemoryStore store = open(home)) {
            assertThat(store.problems()).noneMatch(p -> p.contains("rebuilt"));
        }
    }

    @Test
    void refresh_filesChangedOutside_pickedUp() throws Exception {
        Path edited = writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_e.md", md("Edit me", "", "before"));
        Path gone = writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_g.md", md("Gone", "", "x"));
        try (MemoryStore store = open(home)) {
            writeRaw(home, MemoryType.SHORT_TERM, "20250101_120000_e.md", md("Edited", "", "after zebra"));
            Files.delete(gone);
            writeRaw(home, MemoryType.LONG_TERM, "20250101_120000_n.md", md("New", "", "x"));

            assertThat(store.refresh()).isEqualTo(3);

            assertThat(store.read("20250101_120000_e").orElseThrow().title()).isEqualTo("Edited");
            assertThat(store.read("20250101_120000_g")).isEmpty();
            assertThat(store.read("20250101_120000_n")).isPresent();
            assertThat(store.search("zebra", null, List.of(), false, 10)).extracting(SearchHit::id)
                    .containsExactly("20250101_120000_e");
            assertThat(store.refresh()).isZero();
        }
        assertThat(edited).exists();
    }

    /** Before: archiving wrote a new file, so a note its owner made 0600 came back 0644 in the archive. */
    @Test
    void archive_privateNote_staysPrivate_alsoWhenConsolidated() throws Exception {
        try (MemoryStore store = open(home)) {
            Memory secret = store.create(MemoryDraft.of("Secret", "wombat secret", "private"));
            Memory a = store.create(MemoryDraft.of("Pair one", "wombat one", "pair"));
            Memory b = store.create(MemoryDraft.of("Pair two", "wombat two", "pair"));
            for (Memory m : List.of(secret, a, b)) {
                Files.setPosixFilePermissions(m.path(), PosixFilePermissions.fromString("rw-------"));
            }
            store.delete(secret.id(), false);
            new MemoryConsolidator(store).smartConsolidate(ConsolidationStrategy.BY_TAGS, 0, 10, false);
            for (Memory m : List.of(secret, a, b)) {
                Path archived = store.read(m.id()).orElseThrow().path();
                assertThat(archived.getParent().getFileName().toString()).isEqualTo("archive");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archived))).isEqualTo("rw-------");
            }
        }
    }

    /** Before: a type folder linked elsewhere (memory/short_term -> /somewhere) was read as the store's. */
    @Test
    void open_typeFolderLinkedOutOfTheStore_skippedWithAProblem(@TempDir Path elsewhere) throws Exception {
        Files.writeString(elsewhere.resolve("20250101_120000_outside.md"), md("Outside", "x", "not the store's"));
        Files.createDirectories(home.resolve("memory"));
        Files.createSymbolicLink(home.resolve("memory/short_term"), elsewhere);
        try (MemoryStore store = open(home)) {
            assertThat(store.list(null, true, MemorySort.TITLE)).noneMatch(m -> m.title().equals("Outside"));
            assertThat(store.problems()).anyMatch(p -> p.contains("leads out of the store"));
            assertThatThrownBy(() -> store.create(MemoryDraft.of("In", "x"))).hasMessageContaining("symbolic link out of the store");
            for (boolean atomic : new boolean[] {true, false}) {
                BatchCreateResult r = new ParallelMemoryManager(store).batchCreateMemories(List.of(MemoryDraft.of("In", "x")), atomic);
                assertThat(r.created()).isEmpty();
                assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.error()).contains("symbolic link"));
            }
        }
        try (var files = Files.list(elsewhere)) {
            assertThat(files).hasSize(1);
        }
    }
}
