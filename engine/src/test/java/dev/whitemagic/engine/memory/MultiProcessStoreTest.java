package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several real processes on one store at once (child JVMs running {@link StoreChild}): nothing is
 * lost, nothing is there twice, a live process's batch is never taken for a crashed one, and a
 * write that waits says for whom.
 */
class MultiProcessStoreTest {

    @TempDir
    Path home;

    /** Before the fix: the second import's open deleted the first one's staging folder ("0 created, N failed"). */
    @Test
    void twoImportsAtOnce_everyMemoryOfBothBatchesThereOnce() throws Exception {
        open(home).close();
        Process a = child("import", "alpha", "3000");
        awaitStaging(); // the second opens the store while the first one's batch is being written
        Process b = child("import", "beta", "3000");
        assertThat(finish(a)).contains("created 3000 failed 0");
        assertThat(finish(b)).contains("created 3000 failed 0");
        try (MemoryStore store = open(home)) {
            assertEachOnce(store, "alpha", 3000);
            assertEachOnce(store, "beta", 3000);
            assertThat(store.size()).isEqualTo(6000);
            assertThat(store.search("wombat", null, List.of("beta"), false, 10_000)).hasSize(3000);
        }
        assertThat(home.resolve("memory/.staging")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void importWhileOthersListSearchAndOpen_importWholeAndReadersNeverFail() throws Exception {
        open(home).close();
        Process importer = child("import", "gamma", "5000");
        awaitStaging();
        Process reader = child("read", "6");
        Process adder = child("add", "delta", "40");
        assertThat(finish(importer)).contains("created 5000 failed 0");
        assertThat(finish(adder)).contains("created 40");
        assertThat(finish(reader)).containsPattern("reads [1-9]");
        try (MemoryStore store = open(home)) {
            assertEachOnce(store, "gamma", 5000);
            assertEachOnce(store, "delta", 40);
            assertThat(store.search("wombat", null, List.of("delta"), false, 100)).hasSize(40);
        }
    }

    @Test
    void storeOpenInThisProcess_seesWhatAnotherProcessCommitted() throws Exception {
        try (MemoryStore mine = open(home)) {
            mine.create(MemoryDraft.of("Mine", "wombat mine", "mine"));
            assertThat(finish(child("import", "theirs", "25"))).contains("created 25");
            assertThat(mine.list(null, false, MemorySort.TITLE)).hasSize(26);
            assertThat(mine.search("wombat", null, List.of("theirs"), false, 100)).hasSize(25);
            mine.create(MemoryDraft.of("Mine again", "wombat", "mine"));
        }
        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isEqualTo(27);
            assertThat(store.search("wombat", null, List.of(), false, 100)).hasSize(27);
        }
    }

    @Test
    void killMinusNineOfOneImporter_theOtherCompletesAndTheKilledBatchIsWholeOrAbsent() throws Exception {
        open(home).close();
        Process victim = child("import", "victim", "4000");
        awaitStaging();
        Process survivor = child("import", "survivor", "2000");
        Thread.sleep(300);
        victim.destroyForcibly(); // SIGKILL, in the middle of its batch or while the survivor waits for it
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(finish(survivor)).contains("created 2000 failed 0");
        try (MemoryStore store = open(home)) {
            assertEachOnce(store, "survivor", 2000);
            int victims = titles(store, "victim").size();
            assertThat(victims).isIn(0, 4000);
            assertEachOnce(store, "victim", victims);
            assertThat(home.resolve("memory/.staging")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                    p -> assertThat(p).isEmptyDirectory());
        }
    }

    @Test
    void writeWhileAnotherProcessWrites_waitsSayingForWhomThenSucceeds() throws Exception {
        open(home).close();
        Process holder = child("hold", "2");
        awaitLine(holder, "holding");
        Process writer = child("add", "late", "1");
        String out = finish(writer);
        assertThat(out).contains("wait: waiting for holding the lock (child hold) started by pid " + holder.pid())
                .contains("created 1");
        finish(holder);
        try (MemoryStore store = open(home)) {
            assertEachOnce(store, "late", 1);
        }
    }

    /** Two consolidations at once: one waits for the other and finds its groups done; never a second merged note. */
    @Test
    void twoConsolidationsAtOnce_eachGroupMergedOnce() throws Exception {
        seedGroups();
        Process a = child("consolidate");
        Process b = child("consolidate");
        String outA = finish(a);
        String outB = finish(b);
        try (MemoryStore store = open(home)) {
            List<Memory> merged = store.list(null, false, MemorySort.TITLE).stream()
                    .filter(m -> m.extra().containsKey(MemoryConsolidator.MERGED_FROM)).toList();
            assertThat(merged).hasSize(GROUPS);
            assertThat(merged.stream().map(Memory::title).distinct()).hasSize(GROUPS);
            assertThat(store.list(MemoryType.ARCHIVE, true, MemorySort.TITLE)).hasSize(GROUPS * PER_GROUP);
        }
        assertThat(List.of(lastLine(outA), lastLine(outB))).containsExactlyInAnyOrder("merged " + GROUPS, "merged 0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"staged:3", "moved:0", "moved:5", "moved:11", "removed:0", "removed:4"})
    void consolidationKilledMidway_eachGroupWholeOrUntouchedAndNoTempFiles(String where) throws Exception {
        seedGroups();
        Process p = child("consolidate-crash", where);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        try (MemoryStore store = open(home)) {
            boolean applied = !where.startsWith("staged");
            List<Memory> all = store.list(null, true, MemorySort.TITLE);
            Map<String, Integer> byTitle = new HashMap<>();
            all.forEach(m -> byTitle.merge(m.id(), 1, Integer::sum));
            assertThat(byTitle.values()).as("no memory twice").allMatch(n -> n == 1);
            long merged = all.stream().filter(m -> m.extra().containsKey(MemoryConsolidator.MERGED_FROM)).count();
            assertThat(merged).isEqualTo(applied ? GROUPS : 0);
            assertThat(store.list(MemoryType.ARCHIVE, true, MemorySort.TITLE)).hasSize(applied ? GROUPS * PER_GROUP : 0);
            assertThat(store.list(null, false, MemorySort.TITLE)).hasSize(applied ? GROUPS : GROUPS * PER_GROUP);
            assertThat(store.search("wombat", null, List.of(), false, 1000)).hasSize(applied ? GROUPS : GROUPS * PER_GROUP);
        }
        try (Stream<Path> files = Files.walk(home.resolve("memory"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(AtomicFiles.TEMP_PREFIX));
        }
        assertThat(home.resolve("memory/.staging")).satisfiesAnyOf(d -> assertThat(d).doesNotExist(),
                d -> assertThat(d).isEmptyDirectory());
    }

    private static final int GROUPS = 4;
    private static final int PER_GROUP = 3;

    private void seedGroups() {
        try (MemoryStore store = open(home)) {
            for (int g = 0; g < GROUPS; g++) {
                for (int i = 0; i < PER_GROUP; i++) {
                    store.create(MemoryDraft.of("Group " + g + " part " + i, "wombat " + g + " " + i, "group" + g));
                }
            }
            // a temp file as a killed writer leaves it
            Files.writeString(home.resolve("memory/short_term/" + AtomicFiles.TEMP_PREFIX + "left-over"), "half");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertEachOnce(MemoryStore store, String tag, int n) {
        List<String> titles = titles(store, tag);
        assertThat(titles).hasSize(n);
        assertThat(titles.stream().distinct()).hasSize(n);
    }

    private static List<String> titles(MemoryStore store, String tag) {
        return store.list(null, true, MemorySort.TITLE).stream().filter(m -> m.tags().contains(tag))
                .map(Memory::title).toList();
    }

    private Process child(String... act) throws IOException {
        List<String> args = new ArrayList<>(List.of(home.toString()));
        args.addAll(List.of(act));
        return ChildJvm.start(StoreChild.class, args.toArray(String[]::new));
    }

    private static String finish(Process p) throws Exception {
        return ChildJvm.finish(p);
    }

    /** Waits (at most a minute) until a batch is being staged. */
    private void awaitStaging() throws Exception {
        Path staging = home.resolve("memory/.staging");
        for (int i = 0; i < 6000; i++) {
            if (Files.isDirectory(staging)) {
                try (Stream<Path> s = Files.list(staging)) {
                    if (s.findAny().isPresent()) {
                        return;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no batch was staged");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void awaitLine(Process p, String line) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = p.getInputStream().read()) >= 0) {
            if (c == '\n') {
                if (seen.toString().equals(line)) {
                    return;
                }
                seen.setLength(0);
            } else {
                seen.append((char) c);
            }
        }
        throw new AssertionError("the child ended before printing " + line);
    }
}
