package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path home;

    @TempDir
    Path dir;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(home);
        Files.writeString(dir.resolve("a.txt"), "parallel pipelines stream items; pipelines have stages\n");
        Files.writeString(dir.resolve("b.txt"), "stages stream\n");
    }

    @Test
    void sample_byName_printsTheCountsAndTheStageTable() {
        assertThat(cli.run("run", "word-count", "--input", dir.toString())).isZero();

        assertThat(cli.lines()).startsWith("pipelines  2", "stages     2", "stream     2", "have       1", "items      1",
                "parallel   1");
        assertThat(cli.lines()).anySatisfy(l -> assertThat(l).matches("read +8 +2 +2 +0 .*"));
        assertThat(cli.lines().getLast()).startsWith("1 result, 0 errors,");
    }

    @Test
    void json_givesResultsStagesAndASummary_andTheRunIsAJob() {
        assertThat(cli.run("run", "word-count", "--input", dir.toString(), "--json")).isZero();

        assertThat(cli.lines().getFirst()).isEqualTo("{\"result\":{\"source\":\"all\",\"counts\":{\"pipelines\":2,\"stages\":2,\"stream\":2,"
                + "\"have\":1,\"items\":1,\"parallel\":1}}}");
        assertThat(cli.lines()).anySatisfy(l -> assertThat(l).startsWith("{\"stage\":\"count\",\"workers\":2,\"input\":2,\"output\":2,"));
        assertThat(cli.lines().getLast()).startsWith("{\"summary\":{\"success\":true,\"error\":null,\"results\":1,\"errors\":0,");
        // a command's jobs stay in its own process: the workbench's history is left alone
        assertThat(home.resolve("jobs/history.jsonl")).doesNotExist();
    }

    @Test
    void aRunInTheHistory_runsAgainAfterARestart() throws Exception {
        var registry = dev.whitemagic.engine.pipeline.ops.OperationRegistry.load();
        var spec = dev.whitemagic.engine.pipeline.PipelineSpecs.parse(new String(
                dev.whitemagic.engine.pipeline.PipelineSpecs.class.getResourceAsStream("/pipelines/word-count.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)).spec();
        try (var engine = dev.whitemagic.engine.WhiteMagicEngine.builder().home(home).build()) {
            var first = dev.whitemagic.engine.pipeline.PipelineJobs.submit(engine, spec, registry, List.of(dir.toString()), null);
            assertThat(first.join().success()).isTrue();
            engine.scheduler().completion(first.taskId()).get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (var engine = dev.whitemagic.engine.WhiteMagicEngine.builder().home(home).build()) {
            dev.whitemagic.app.files.Recipes.register(engine);
            var restored = engine.scheduler().getTasks().getLast();
            assertThat(restored.kind()).isEqualTo("pipeline");
            assertThat(restored.name()).isEqualTo("pipeline: Word count over a folder");
            assertThat(restored.rerunnable()).isTrue();

            long again = engine.scheduler().rerun(restored.id());
            var done = engine.scheduler().completion(again).get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(done.status()).isEqualTo(dev.whitemagic.engine.scheduler.TaskStatus.COMPLETED);
            assertThat(done.resultSummary()).startsWith("1 result, 0 errors,");
        }
    }

    @Test
    void invalidFile_listsEveryProblem_exit2() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"schema": 1, "stages": [
                  {"id": "list", "operation": "list-files"},
                  {"id": "g", "operation": "grep"},
                  {"id": "x", "operation": "nope"}],
                 "edges": [{"from": "list", "to": "g"}]}
                """);

        assertThat(cli.run("run", bad.toString(), "--input", dir.toString())).isEqualTo(2);

        assertThat(cli.err.toString().lines()).containsExactly(
                "whitemagic: " + bad + ": stages[1].params.pattern: missing (required: What to look for)",
                "whitemagic: " + bad + ": stages[2].operation: unknown operation 'nope'",
                "whitemagic: " + bad + ": edges[0]: 'g' (Grep) takes text but 'list' makes path");
        assertThat(cli.run("run", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("missing.json: " + dir.resolve("missing.json") + ": cannot read: no such file");
    }

    @Test
    void failedRun_exit1_withTheReason() throws Exception {
        Path p = Files.writeString(dir.resolve("strict.json"), """
                {"schema": 1, "stages": [
                  {"id": "list", "operation": "list-files"},
                  {"id": "read", "operation": "read-file", "params": {"max-size": 10}, "onError": "fail"}],
                 "edges": [{"from": "list", "to": "read"}]}
                """);

        assertThat(cli.run("run", p.toString(), "--input", dir.resolve("a.txt").toString())).isEqualTo(1);

        assertThat(cli.err.toString()).contains("whitemagic: the run failed: stage 'read' failed on " + dir.resolve("a.txt"));
    }

    @Test
    void operations_listsThemWithTheirParameters() {
        assertThat(cli.run("run", "--operations")).isZero();
        assertThat(cli.lines()).anySatisfy(l -> assertThat(l).startsWith("grep             text → line"));
        assertThat(cli.lines()).anySatisfy(l -> assertThat(l).contains("pattern").contains("(required)"));
    }

    @Test
    void writeFile_absoluteFolder_isRefusedBeforeTheRun_andTheDecoyIsUntouched() throws Exception {
        Path decoy = Files.writeString(dir.resolve("decoy.txt"), "keep me");
        Path p = Files.writeString(dir.resolve("escape.json"), """
                {"schema": 1, "name": "escape", "stages": [
                  {"id": "read", "operation": "read-file"},
                  {"id": "write", "operation": "write-file", "params": {"folder": "%s", "name": "decoy.txt", "overwrite": true}}],
                 "edges": [{"from": "read", "to": "write"}]}
                """.formatted(dir));

        assertThat(cli.run("run", p.toString(), "--input", dir.resolve("a.txt").toString())).isEqualTo(2);

        assertThat(cli.err.toString()).startsWith("whitemagic: " + p + ": stages[1].params.folder: \"" + dir
                + "\" is outside the output folder");
        assertThat(decoy).hasContent("keep me");
    }

    @Test
    void writeFile_writesInTheOutputFolder_givenOrByDefaultUnderTheHome() throws Exception {
        Path out = dir.resolve("chosen");

        assertThat(cli.run("run", "read-transform-write", "--input", dir.toString(), "--output", out.toString())).isZero();
        assertThat(out.resolve("a.txt")).hasContent("PARALLEL PIPELINES STREAM ITEMS; PIPELINES HAVE STAGES");

        assertThat(cli.run("run", "read-transform-write", "--input", dir.toString())).isZero();
        assertThat(home.resolve("output/read-transform-write/b.txt")).hasContent("STAGES STREAM");
    }

    @Test
    void hostileSpecs_eachGetOneClearMessage_exit2_neverATrace() throws Exception {
        StringBuilder many = new StringBuilder("{\"schema\": 1, \"stages\": [");
        for (int i = 0; i < 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\": \"s").append(i).append("\", \"operation\": \"sleep\"}");
        }
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"schema\": 1, \"stages\": [{\"id\": \"a\", \"operation\": \"sleep\", \"workers\": 100000000}]}",
                "stages[0].workers: expected a whole number from 1 to 1,024, got 100000000");
        cases.put("{\"schema\": 1, \"options\": {\"queueCapacity\": 2147483647}, \"stages\": [{\"id\": \"a\", \"operation\": \"sleep\"}]}",
                "options.queueCapacity: expected a whole number from 1 to 65,536, got 2147483647");
        cases.put(many.append("]}").toString(), "stages: 10,000 stages; a pipeline may have 1 to 1,000");
        cases.put("[".repeat(100_000), "nested more than 64 levels deep");
        cases.put("{\"schema\": 1, \"stages\": [{\"id\": \"a\", \"operation\": \"rm-rf\"}]}", "stages[0].operation: unknown operation 'rm-rf'");
        cases.put("{\"schema\": 1, \"stages\": [{\"operation\": \"sleep\"}]}", "stages[0].id: missing");
        cases.put("{\"schema\": 1, \"stages\": \"all\"}", "stages: expected a list of stages");
        int i = 0;
        for (var c : cases.entrySet()) {
            Path file = Files.writeString(dir.resolve("hostile-" + i++ + ".json"), c.getKey());
            cli.err.getBuffer().setLength(0);

            assertThat(cli.run("run", file.toString(), "--input", "x")).as(c.getValue()).isEqualTo(2);

            assertThat(cli.err.toString()).as(c.getValue()).contains(c.getValue()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(cli.err.toString().lines()).as(c.getValue()).hasSizeLessThanOrEqualTo(3);
        }
    }
}
