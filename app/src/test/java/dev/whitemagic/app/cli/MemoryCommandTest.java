package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The memory commands on a real store (markdown files and a Lucene index on disk). */
class MemoryCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    private CliRunner cli;

    @BeforeEach
    void runner() {
        cli = new CliRunner(home);
    }

    private String add(String title, String content, String... tags) {
        List<String> args = new java.util.ArrayList<>(List.of("memory", "add", "-t", title, "--content", content));
        for (String t : tags) {
            args.addAll(List.of("--tag", t));
        }
        int before = cli.lines().size();
        assertThat(cli.run(args.toArray(String[]::new))).isZero();
        return cli.lines().get(before);
    }

    @Test
    void add_writesWhiteMagicMarkdown_andShowReadsItBack() throws Exception {
        String id = add("Deploy checklist", "Run the smoke tests first.", "ops", "decision");
        assertThat(id).matches("\\d{8}_\\d{6}_deploy_checklist");
        Path file = home.resolve("memory/short_term/" + id + ".md");
        assertThat(Files.readString(file)).startsWith("---\ntitle: Deploy checklist\ncreated: ")
                .contains("\ntags: ops, decision\n---\nRun the smoke tests first.");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("memory", "show", id)).isZero();
        assertThat(cli.out.toString()).contains("title: Deploy checklist");
    }

    @Test
    void search_severalQueries_dedupeKeepsEveryQueryThatFoundIt() throws Exception {
        add("Deploy checklist", "Run the smoke tests before each deployment.");
        add("Bug fix", "A deployment bug fixed with a lock.");
        add("Unrelated", "Nothing here.");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("memory", "search", "--dedupe", "--json", "deployment", "lock")).isZero();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> hits = cli.lines().stream().map(json::readTree).toList();
        assertThat(hits).extracting(h -> h.get("title").asString()).containsExactlyInAnyOrder("Deploy checklist", "Bug fix");
        JsonNode bug = hits.stream().filter(h -> h.get("title").asString().equals("Bug fix")).findFirst().orElseThrow();
        assertThat(bug.get("queries").size()).isEqualTo(2);
        assertThat(bug.get("preview").asString()).contains("«");
    }

    @Test
    void search_invalidSyntax_isPlainText_notAnError() {
        add("Broken parser", "The parser chokes on (unbalanced input.");
        assertThat(cli.run("memory", "search", "(unbalanced")).isZero();
        assertThat(cli.out.toString()).contains("Broken parser");
    }

    @Test
    void import_folderAtomically_thenDeleteAndRestore() throws Exception {
        Files.writeString(folder.resolve("a.md"), "---\ntitle: First\ntags: [\"x\", \"y\"]\ncreated: 2025-01-01T12:00:00\n---\nbody one\n");
        Files.writeString(folder.resolve("b.md"), "no frontmatter at all\n");
        assertThat(cli.run("memory", "import", folder.toString())).isZero();
        assertThat(cli.out.toString()).contains("2 created, 0 skipped, 0 failed");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("memory", "list", "--sort", "title")).isZero();
        List<String> lines = cli.lines();
        assertThat(lines).hasSize(2);
        // Sorted by title, ignoring case: "b" (no frontmatter: the file name) before "First".
        assertThat(lines.getFirst()).contains("  b");
        assertThat(lines.getLast()).contains("First").contains("[x, y]");
        // The original date is kept, and names the file as WhiteMagic would.
        assertThat(lines.getLast()).startsWith("20250101_120000_first");
        String id = lines.getLast().split("\\s+")[0];
        assertThat(cli.run("memory", "delete", id)).isZero();
        assertThat(Files.exists(home.resolve("memory/archive/" + id + ".md"))).isTrue();
        assertThat(cli.run("memory", "restore", id)).isZero();
        assertThat(Files.exists(home.resolve("memory/short_term/" + id + ".md"))).isTrue();
    }

    @Test
    void badInput_isAUsageError() {
        assertThat(cli.run("memory", "show", "nope")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no memory 'nope'");
        assertThat(cli.run("memory", "list", "--type", "forever")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("unknown type 'forever'");
        assertThat(cli.run("memory", "consolidate", "--strategy", "by_mood")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("unknown strategy 'by_mood'");
    }

    @Test
    void consolidate_bySimilarity_dryRun_changesNothing() {
        // Near-duplicates: title and body are compared together.
        add("River note", "the quick brown fox jumps over the lazy dog near the river bank today");
        add("River note", "the quick brown fox jumps over the lazy dog near the river bank today");
        add("Other", "completely different words about databases and indexes");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("memory", "consolidate", "--strategy", "by_similarity", "--dry-run")).isZero();
        assertThat(cli.out.toString()).contains("(dry run) 1 groups, 2 memories");
        cli.out.getBuffer().setLength(0);
        assertThat(cli.run("memory", "list")).isZero();
        assertThat(cli.lines()).hasSize(3);
    }
}
