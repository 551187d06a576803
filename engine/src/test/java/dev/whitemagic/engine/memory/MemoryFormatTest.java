package dev.whitemagic.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MemoryFormatTest {

    private static final Instant NOON = Instant.parse("2025-01-01T12:00:00Z");

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("plain tags, Z", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: alpha, beta\n---\nbody",
                        "Example", NOON, List.of("alpha", "beta"), "body"),
                Arguments.of("json tags", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: [\"alpha\", \"beta\"]\n---\nbody",
                        "Example", NOON, List.of("alpha", "beta"), "body"),
                Arguments.of("bare list tags", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: [alpha, beta]\n---\nbody",
                        "Example", NOON, List.of("alpha", "beta"), "body"),
                Arguments.of("single-quoted list", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: ['alpha', 'beta']\n---\nbody",
                        "Example", NOON, List.of("alpha", "beta"), "body"),
                Arguments.of("yaml block tags", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags:\n  - alpha\n  - beta\n---\nbody",
                        "Example", NOON, List.of("alpha", "beta"), "body"),
                Arguments.of("no Z", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00\ntags: alpha\n---\nbody",
                        "Example", NOON, List.of("alpha"), "body"),
                Arguments.of("python isoformat micros", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00.000000\ntags: alpha\n---\nbody",
                        "Example", NOON, List.of("alpha"), "body"),
                Arguments.of("offset", "---\ntitle: Example\ncreated: 2025-01-01T13:00:00+01:00\ntags:\n---\nbody",
                        "Example", NOON, List.of(), "body"),
                Arguments.of("quoted title, CRLF", "---\r\ntitle: \"Example: two\"\r\ncreated: 2025-01-01T12:00:00Z\r\ntags: a\r\n---\r\nl1\r\nl2",
                        "Example: two", NOON, List.of("a"), "l1\nl2"),
                Arguments.of("BOM", "\uFEFF---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: a\n---\nbody",
                        "Example", NOON, List.of("a"), "body"),
                Arguments.of("no frontmatter", "just text\n", "example", NOON, List.of(), "just text\n"),
                Arguments.of("duplicate tags", "---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: a, A, b,\n---\n",
                        "Example", NOON, List.of("a", "b"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void parse_acceptedVariant(String name, String text, String title, Instant created, List<String> tags, String body) {
        Memory m = MemoryFormat.parse(text, "20250101_120000_example", MemoryType.SHORT_TERM, null);

        assertThat(m.title()).isEqualTo(title);
        assertThat(m.created()).isEqualTo(created);
        assertThat(m.tags()).isEqualTo(tags);
        assertThat(m.content()).isEqualTo(body);
        assertThat(m.warning()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void writeThenParse_keepsEverything(String name, String text, String title, Instant created, List<String> tags, String body) {
        Memory m = MemoryFormat.parse(text, "20250101_120000_example", MemoryType.LONG_TERM, null);

        Memory again = MemoryFormat.parse(MemoryFormat.write(m), m.id(), MemoryType.LONG_TERM, null);

        assertThat(again).isEqualTo(m);
    }

    @Test
    void write_canonicalForm() {
        Memory m = new Memory("x", "Example", "body", List.of("alpha", "beta"), MemoryType.SHORT_TERM, NOON, null, null,
                Map.of(), null);

        assertThat(MemoryFormat.write(m)).isEqualTo("---\ntitle: Example\ncreated: 2025-01-01T12:00:00Z\ntags: alpha, beta\n---\nbody");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"\"quoted\"", "'single'", "\"half", "a: b", "# not a comment"})
    void writeThenParse_awkwardTitles_kept(String title) {
        Memory m = new Memory("x", title, "", List.of(), MemoryType.SHORT_TERM, NOON, null, null, Map.of(), null);

        assertThat(MemoryFormat.parse(MemoryFormat.write(m), "x", MemoryType.SHORT_TERM, null).title()).isEqualTo(title);
    }

    @Test
    void parse_unknownKeys_keptInOrderAndWrittenBack() {
        String text = "---\ntitle: T\nsource: web\ncreated: 2025-01-01T12:00:00Z\npriority: 3\ntags: a\n---\nbody";

        Memory m = MemoryFormat.parse(text, "id", MemoryType.SHORT_TERM, null);

        assertThat(m.extra()).containsExactly(Map.entry("source", "web"), Map.entry("priority", "3"));
        assertThat(MemoryFormat.write(m)).contains("source: web\npriority: 3\n");
    }

    @Test
    void write_tagWithComma_usesJsonList() {
        Memory m = new Memory("x", "T", "", List.of("a,b", "say \"hi\""), MemoryType.SHORT_TERM, NOON, null, null, Map.of(), null);

        String text = MemoryFormat.write(m);

        assertThat(text).contains("tags: [\"a,b\", \"say \\\"hi\\\"\"]");
        assertThat(MemoryFormat.parse(text, "x", MemoryType.SHORT_TERM, null).tags()).containsExactly("a,b", "say \"hi\"");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("not closed", "---\ntitle: T\ntags: a\nbody text", "not closed", "---\ntitle: T\ntags: a\nbody text"),
                Arguments.of("bad line", "---\ntitle: T\nthis is not a key\n---\nbody", "line 3", "body"),
                Arguments.of("bad date", "---\ntitle: T\ncreated: yesterday\n---\nbody", "created is not a date", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parse_malformed_warnsAndKeepsBody(String name, String text, String warning, String body) {
        Memory m = MemoryFormat.parse(text, "20250101_120000_t", MemoryType.SHORT_TERM, null);

        assertThat(m.warning()).contains(warning);
        assertThat(m.content()).isEqualTo(body);
        assertThat(m.created()).isEqualTo(NOON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hello World|hello_world",
            "Hello, World - 2!|hello_world_2",
            "  Spaced   out  |spaced_out",
            "Café déjà vu|café_déjà_vu",
            "snake_case-and-kebab|snake_case_and_kebab",
            "!!!|memory",
            "''|memory",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void slug_title(String title, String slug) {
        assertThat(MemoryFormat.slug(title)).isEqualTo(slug);
    }

    @Test
    void fileName_utcStampAndSlug() {
        assertThat(MemoryFormat.fileName(Instant.parse("2025-03-04T05:06:07Z"), "Deploy Notes"))
                .isEqualTo("20250304_050607_deploy_notes.md");
    }
}
