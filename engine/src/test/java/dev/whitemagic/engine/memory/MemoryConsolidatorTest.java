package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static dev.whitemagic.engine.memory.MemoryFixtures.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryConsolidatorTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-03-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private static String file(String title, String created, String tags, String body) {
        return "---\ntitle: " + title + "\ncreated: " + created + "\ntags: " + tags + "\n---\n" + body;
    }

    @BeforeEach
    void fixture() throws IOException {
        writeRaw(home, MemoryType.SHORT_TERM, "a.md", file("Old decision", "2025-01-01T10:00:00Z", "decision", "Use Postgres."));
        writeRaw(home, MemoryType.SHORT_TERM, "b.md", file("Old note", "2025-01-01T11:00:00Z", "misc",
                "The quick brown fox jumps over the lazy dog near the river bank today."));
        writeRaw(home, MemoryType.SHORT_TERM, "c.md", file("Old note again", "2025-01-02T11:00:00Z", "misc",
                "The quick brown fox jumps over the lazy dog near the river bank today!"));
        writeRaw(home, MemoryType.SHORT_TERM, "d.md", file("Fresh", "2025-02-27T11:00:00Z", "misc", "Something else entirely here."));
        writeRaw(home, MemoryType.LONG_TERM, "e.md", file("Kept", "2024-01-01T11:00:00Z", "insight", "Long-term already."));
    }

    @Test
    void consolidateShortTerm_dryRun_plansWithoutChanges() {
        try (MemoryStore store = open(home)) {
            ShortTermConsolidation r = new MemoryConsolidator(store, NOW).consolidateShortTerm(Duration.ofDays(30), true);

            assertThat(r.promoted()).containsExactly("a");
            assertThat(r.archived()).containsExactly("b", "c");
            assertThat(r.summaryId()).isNull();
            assertThat(store.read("b").orElseThrow().type()).isEqualTo(MemoryType.SHORT_TERM);
        }
    }

    @Test
    void consolidateShortTerm_promotesGathersArchivesAndLogs() throws IOException {
        try (MemoryStore store = open(home)) {
            ShortTermConsolidation r = new MemoryConsolidator(store, NOW).consolidateShortTerm(Duration.ofDays(30), false);

            assertThat(store.read("a").orElseThrow().type()).isEqualTo(MemoryType.LONG_TERM);
            assertThat(store.read("b").orElseThrow().type()).isEqualTo(MemoryType.ARCHIVE);
            assertThat(store.read("c").orElseThrow().type()).isEqualTo(MemoryType.ARCHIVE);
            assertThat(store.read("d").orElseThrow().type()).isEqualTo(MemoryType.SHORT_TERM);
            Memory summary = store.read(r.summaryId()).orElseThrow();
            assertThat(summary.title()).isEqualTo("Consolidated Insights — 2025-03-01");
            assertThat(summary.type()).isEqualTo(MemoryType.LONG_TERM);
            assertThat(summary.content()).contains("## Old note\n", "## Old note again\n");
            assertThat(summary.extra()).containsEntry(MemoryConsolidator.MERGED_FROM, "b, c");
            assertThat(Files.readString(home.resolve("memory/metadata.json")))
                    .contains("\"operation\" : \"consolidate_short_term\"", "\"summary_id\" : \"" + r.summaryId() + "\"");
        }
    }

    @Test
    void smartConsolidate_byDate_groupsSameDay() {
        try (MemoryStore store = open(home)) {
            ConsolidationPlan plan = new MemoryConsolidator(store, NOW).smartConsolidate(ConsolidationStrategy.BY_DATE, 0, 10, true);

            assertThat(plan.groups()).singleElement().satisfies(g -> {
                assertThat(g.key()).isEqualTo("2025-01-01");
                assertThat(g.memoryIds()).containsExactly("a", "b");
            });
        }
    }

    @Test
    void smartConsolidate_byTags_groupsSameTagSetAndSplitsBySize() {
        try (MemoryStore store = open(home)) {
            MemoryConsolidator c = new MemoryConsolidator(store, NOW);

            assertThat(c.smartConsolidate(ConsolidationStrategy.BY_TAGS, 0, 10, true).groups()).singleElement()
                    .satisfies(g -> assertThat(g.memoryIds()).containsExactly("b", "c", "d"));
            assertThat(c.smartConsolidate(ConsolidationStrategy.BY_TAGS, 0, 2, true).groups())
                    .extracting(ConsolidationGroup::memoryIds).containsExactly(List.of("b", "c"));
        }
    }

    @Test
    void smartConsolidate_bySimilarity_findsNearDuplicatesAndMerges() {
        try (MemoryStore store = open(home)) {
            MemoryConsolidator c = new MemoryConsolidator(store, NOW);
            ConsolidationPlan plan = c.smartConsolidate(ConsolidationStrategy.BY_SIMILARITY, 0.7, 10, true);
            assertThat(plan.groups()).singleElement().satisfies(g -> {
                assertThat(g.memoryIds()).containsExactly("b", "c");
                assertThat(g.minSimilarity()).isGreaterThanOrEqualTo(0.7);
            });

            ConsolidationPlan done = c.apply(plan.strategy(), plan.groups());

            Memory merged = store.read(done.mergedIds().get(0)).orElseThrow();
            assertThat(merged.title()).isEqualTo("Old note");
            assertThat(merged.tags()).containsExactly("misc");
            assertThat(store.read("b").orElseThrow().type()).isEqualTo(MemoryType.ARCHIVE);
            assertThat(c.apply(plan.strategy(), plan.groups()).groups()).isEmpty();
        }
    }
}
