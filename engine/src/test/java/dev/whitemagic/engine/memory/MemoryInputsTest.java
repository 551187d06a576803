package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.md;
import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static dev.whitemagic.engine.memory.MemoryFixtures.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Hostile inputs to the store: notes too large to read back, planted links, damaged metadata, read-only homes. */
class MemoryInputsTest {

    private static final String OVER_THE_LIMIT = "a".repeat((int) MemoryFormat.MAX_FILE_SIZE);

    @TempDir
    Path home;

    @TempDir
    Path outside;

    @Test
    void maxFileSize_isTheLimitTheFolderScanReadsUnder() {
        assertThat(FolderScan.MAX_FILE).isEqualTo(MemoryFormat.MAX_FILE_SIZE).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void create_noteOverTheReadersLimit_isRefusedNamingTheLimit_notWrittenToVanish() throws Exception {
        try (MemoryStore store = open(home)) {
            assertThatThrownBy(() -> store.create(MemoryDraft.of("Big", OVER_THE_LIMIT)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 MiB");
            assertThat(store.size()).isZero();
        }
        try (Stream<Path> files = Files.list(home.resolve("memory/short_term"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void create_noteJustUnderTheLimit_isReadBackAfterReopening() {
        String body = "b".repeat((int) MemoryFormat.MAX_FILE_SIZE - 4096);
        String id;
        try (MemoryStore store = open(home)) {
            id = store.create(MemoryDraft.of("Nearly full", body)).id();
        }
        try (MemoryStore store = open(home)) {
            assertThat(store.read(id)).hasValueSatisfying(m -> assertThat(m.content()).hasSize(body.length()));
            assertThat(store.problems()).noneMatch(p -> p.contains("not read"));
        }
    }

    @Test
    void problem_multiByteTextOverTheLimitInBytes_isRefused() {
        String chars = "é".repeat((int) (MemoryFormat.MAX_FILE_SIZE / 2) + 1); // under the limit in chars, over in UTF-8
        assertThat(MemoryDraft.of("Accents", chars).problem()).contains("16 MiB");
    }

    @Test
    void update_bodyOverTheLimit_isRefusedAndTheFileKept() throws Exception {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(MemoryDraft.of("Small", "small"));
            assertThatThrownBy(() -> store.update(MemoryUpdate.of(m.id()).withContent(OVER_THE_LIMIT)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 MiB");
            assertThat(Files.readString(m.path())).endsWith("small");
        }
    }

    @Test
    void batchCreate_draftOverTheLimit_failsThatItemOnly() {
        try (MemoryStore store = open(home)) {
            BatchCreateResult r = new ParallelMemoryManager(store, MemoryFixtures.EXECUTOR).batchCreateMemories(
                    List.of(MemoryDraft.of("Fine", "fine"), MemoryDraft.of("Big", OVER_THE_LIMIT)), false);
            assertThat(r.created()).extracting(Memory::title).containsExactly("Fine");
            assertThat(r.failures()).singleElement().satisfies(i -> assertThat(i.error()).contains("16 MiB"));
        }
    }

    @Test
    void open_symbolicLinkPlantedInShortTerm_isSkippedAsAProblem_andItsTargetNeverRead() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret"), md("Secret", "", "the password"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectories(home.resolve("memory/short_term"));
        Path link = Files.createSymbolicLink(home.resolve("memory/short_term/20250101_000000_planted.md"), secret);
        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isZero();
            assertThat(store.read("20250101_000000_planted")).isEmpty();
            assertThat(store.problems()).contains(link + ": skipped symbolic link");
            assertThat(store.delete("20250101_000000_planted", false)).isFalse();
        }
        try (Stream<Path> archived = Files.list(home.resolve("memory/archive"))) {
            assertThat(archived).isEmpty(); // nothing copied out of the link's target
        }
    }

    @Test
    void update_privateNote_staysPrivate() throws Exception {
        try (MemoryStore store = open(home)) {
            Memory m = store.create(MemoryDraft.of("Private", "mine"));
            Files.setPosixFilePermissions(m.path(), PosixFilePermissions.fromString("rw-------"));
            store.update(MemoryUpdate.of(m.id()).withContent("still mine"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(m.path()))).isEqualTo("rw-------");
        }
    }

    @Test
    void open_damagedMetadata_isSetAsideAndRewritten() throws Exception {
        String id;
        try (MemoryStore store = open(home)) {
            id = store.create(MemoryDraft.of("Kept", "body")).id();
        }
        Path meta = home.resolve("memory/metadata.json");
        Files.writeString(meta, "{\"memory_index\": {broken");
        try (MemoryStore store = open(home)) {
            assertThat(store.problems()).anyMatch(p -> p.contains("metadata.json was damaged"));
        }
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(meta));
        assertThat(root.get(MetadataFile.INDEX).has(id)).isTrue();
        assertThat(home.resolve("memory/metadata.json.damaged")).hasContent("{\"memory_index\": {broken");
    }

    @Test
    void open_largeTruncatedMetadata_isSetAsideAndRewritten() throws Exception {
        String id;
        try (MemoryStore store = open(home)) {
            id = store.create(MemoryDraft.of("Kept", "body")).id();
        }
        Path meta = home.resolve("memory/metadata.json");
        String truncated = "{\"memory_index\": {\"x\": \"" + "y".repeat((int) MetadataFile.FULL_CHECK_BYTES);
        Files.writeString(meta, truncated);
        try (MemoryStore store = open(home)) {
            assertThat(store.problems()).anyMatch(p -> p.contains("metadata.json was damaged"));
        }
        assertThat(JsonMapper.builder().build().readTree(Files.readString(meta)).get(MetadataFile.INDEX).has(id)).isTrue();
    }

    @Test
    void open_metadataIsAFolder_isMovedAside_andChangesAreSaved() throws Exception {
        Files.createDirectories(home.resolve("memory/metadata.json/inside"));
        String id;
        try (MemoryStore store = open(home)) {
            assertThat(store.problems()).anyMatch(p -> p.contains("metadata.json was a folder"));
            id = store.create(MemoryDraft.of("After", "body")).id();
        }
        Path meta = home.resolve("memory/metadata.json");
        assertThat(meta).isRegularFile();
        assertThat(JsonMapper.builder().build().readTree(Files.readString(meta)).get(MetadataFile.INDEX).has(id)).isTrue();
        assertThat(home.resolve("memory/metadata.json.damaged/inside")).isDirectory();
    }

    @Test
    void open_readOnlyHome_listsShowsAndSearches_andChangesFailCleanly() throws Exception {
        String id;
        try (MemoryStore store = open(home)) {
            id = store.create(MemoryDraft.of("Read only", "still searchable")).id();
        }
        Files.delete(home.resolve("memory/metadata.json")); // the open would write it: it must not need to
        Path memory = home.resolve("memory");
        try (ReadOnlyFolders ro = ReadOnlyFolders.of(memory, memory.resolve("short_term"), memory.resolve("long_term"),
                memory.resolve("archive"), home.resolve("index/memory"));
                MemoryStore store = open(home)) {
            assertThat(store.read(id)).isPresent();
            assertThat(store.list(null, false, MemorySort.NEWEST_FIRST)).extracting(Memory::id).containsExactly(id);
            assertThat(store.search("searchable", null, List.of(), false, 10)).extracting(SearchHit::id).containsExactly(id);
            assertThat(store.problems()).anyMatch(p -> p.contains("read-only"));
            assertThatThrownBy(() -> store.create(MemoryDraft.of("New", "x"))).isInstanceOf(java.io.UncheckedIOException.class);
            assertThat(store.size()).isEqualTo(1);
        }
        assertThat(home.resolve("memory/metadata.json")).doesNotExist();
    }

    @Test
    void export_linkInTheTargetFolder_isReplaced_itsTargetUntouched() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "original");
        Path dir = outside.resolve("export");
        Memory m = new Memory("20250101_120000_note", "Note", "body", List.of(), MemoryType.SHORT_TERM,
                java.time.Instant.parse("2025-01-01T12:00:00Z"), null, null, java.util.Map.of(), null);
        Files.createDirectories(dir.resolve("short_term"));
        Path link = Files.createSymbolicLink(dir.resolve("short_term/" + m.id() + ".md"), victim);
        MemoryExport.Result r = MemoryExport.write(List.of(m), dir);
        assertThat(r.written()).isEqualTo(1);
        assertThat(r.replacedLinks()).containsExactly(link);
        assertThat(victim).hasContent("original");
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(link).content().contains("title: Note");
    }

    @Test
    void export_typeFolderIsALink_isNotWrittenThrough() throws Exception {
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Path dir = Files.createDirectories(outside.resolve("export"));
        Files.createSymbolicLink(dir.resolve("short_term"), elsewhere);
        Memory m = new Memory("20250101_120000_note", "Note", "body", List.of(), MemoryType.SHORT_TERM,
                java.time.Instant.parse("2025-01-01T12:00:00Z"), null, null, java.util.Map.of(), null);
        MemoryExport.Result r = MemoryExport.write(List.of(m), dir);
        assertThat(r.written()).isZero();
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.error()).contains("symbolic link"));
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void import_linkInsideAFolder_isSkippedNotFollowed() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.md"), "the password");
        Path folder = Files.createDirectories(home.resolve("notes"));
        Files.writeString(folder.resolve("a.md"), "a note");
        Files.createSymbolicLink(folder.resolve("b.md"), secret);
        MarkdownImport.Result r = MarkdownImport.read(List.of(folder), MemoryType.SHORT_TERM);
        assertThat(r.drafts()).extracting(MemoryDraft::content).containsExactly("a note");
        assertThat(r.skipped()).containsExactly(folder.resolve("b.md") + ": skipped symbolic link");
    }

    @Test
    void import_fileOverTheLimit_isSkippedNamingTheLimit() throws Exception {
        Path big = home.resolve("big.md");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(MemoryFormat.MAX_FILE_SIZE + 1); // sparse: the size alone refuses it
        }
        MarkdownImport.Result r = MarkdownImport.read(List.of(big), MemoryType.SHORT_TERM);
        assertThat(r.drafts()).isEmpty();
        assertThat(r.skipped()).singleElement().asString().contains("16 MiB limit");
    }

    @Test
    void import_binaryAndFifo_areSkippedWithTheirReason_theFifoNeverOpened() throws Exception {
        Path bin = Files.write(home.resolve("bin.md"), new byte[] {'a', 0, 'b'});
        Path fifo = home.resolve("pipe.md");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo not available");
        MarkdownImport.Result r = MarkdownImport.read(List.of(bin, fifo), MemoryType.SHORT_TERM);
        assertThat(r.drafts()).isEmpty();
        assertThat(r.skipped()).containsExactly(bin + ": binary (a NUL byte near the start), not text",
                fifo + ": not a regular file (FIFO, socket or device): not opened");
    }
}
