package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.settings.SettingsStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WhiteMagicCommandTest {

    @TempDir
    Path home;

    private CliRunner cli;
    private java.io.StringWriter out;
    private java.io.StringWriter err;

    @BeforeEach
    void idleThresholds() throws Exception {
        cli = new CliRunner(home);
        out = cli.out;
        err = cli.err;
        // Thresholds of 100 % can never be exceeded, so the answers do not depend on how busy
        // the test machine is; it also proves the command reads the settings in --home.
        Settings settings = new Settings();
        settings.cpuThreshold = 100;
        settings.memoryThreshold = 100;
        new SettingsStore(home).save(settings);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void tier_eightyTasks_isTier3With64Threads() {
        assertThat(run("tier", "--tasks", "80")).isZero();
        assertThat(out.toString()).startsWith("TIER_3 · 64 threads").contains("fewer than 100")
                .contains("I/O 64 at once · CPU " + Runtime.getRuntime().availableProcessors() + " (one per core)").contains("threshold 100 %");
    }

    /** The seed's AdaptiveThreadingController(cpu_threshold=70) had no flag. */
    @Test
    void tier_thresholdFlags_areUsedAndBounded() throws Exception {
        assertThat(run("tier", "--tasks", "80", "--cpu-threshold", "70", "--memory-threshold", "60", "--json")).isZero();
        JsonNode d = JsonMapper.builder().build().readTree(out.toString());
        assertThat(d.get("cpu_threshold").asDouble()).isEqualTo(70.0);
        assertThat(d.get("memory_threshold").asDouble()).isEqualTo(60.0);
        assertThat(run("tier", "--tasks", "80", "--cpu-threshold", "0")).isEqualTo(2);
        assertThat(run("tier", "--tasks", "80", "--memory-threshold", "101")).isEqualTo(2);
        assertThat(err.toString()).contains("a threshold must be above 0 and at most 100");
    }

    @Test
    void tier_json_carriesTheDecision() throws Exception {
        assertThat(run("tier", "--tasks", "150", "--complexity", "90", "--json")).isZero();
        JsonNode d = JsonMapper.builder().build().readTree(out.toString());
        assertThat(d.get("tier").asString()).isEqualTo("TIER_3");
        assertThat(d.get("threads").asInt()).isEqualTo(64);
        assertThat(d.get("task_count").asInt()).isEqualTo(150);
        assertThat(d.get("pool").get("cpu").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.get("reason").asString()).contains("complexity 90 > 75");
        assertThat(d.get("cpu_threshold").asDouble()).isEqualTo(100.0);
    }

    @Test
    void tier_negativeTasks_isAUsageError() {
        assertThat(run("tier", "--tasks", "-3")).isEqualTo(2);
        assertThat(err.toString()).contains("--tasks must be 0 or more, got -3");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void tier_nonNumericTasks_isAUsageError() {
        assertThat(run("tier", "--tasks", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("'abc' is not an int").contains("whitemagic tier --help");
    }

    @Test
    void tier_complexityOutOfRange_isAUsageError() {
        assertThat(run("tier", "--tasks", "5", "--complexity", "101")).isEqualTo(2);
        assertThat(err.toString()).contains("between 0 and 100");
    }

    @Test
    void tier_withoutTasks_saysWhatIsMissing() {
        assertThat(run("tier")).isEqualTo(2);
        assertThat(err.toString()).contains("--tasks");
    }

    @Test
    void unknownCommand_isNamed_withASuggestion() {
        assertThat(run("metrcs")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'metrcs'").contains("metrics");
    }

    @Test
    void metrics_json_printsOneSample() throws Exception {
        assertThat(run("metrics", "--json")).isZero();
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode m = JsonMapper.builder().build().readTree(lines[0]);
        assertThat(m.get("cpu_percent").asDouble()).isBetween(0.0, 100.0);
        assertThat(m.get("memory_total").asLong()).isPositive();
        assertThat(m.get("core_percent").size()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void metrics_watch_count_printsThatManySamples() {
        assertThat(run("metrics", "--watch", "--count", "2", "--json")).isZero();
        assertThat(out.toString().strip().split("\n")).hasSize(2);
    }

    @Test
    void metrics_human_namesEveryFigure() {
        assertThat(run("metrics")).isZero();
        assertThat(out.toString()).contains("CPU").contains("Memory").contains("Swap").contains("Load")
                .contains("Disk").contains("Network").contains("JVM heap").contains("Threads");
    }

    @Test
    void version_printsTheProgramAndJava() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("whitemagic ").contains("Java 2");
    }

    @Test
    void snapshot_unknownPane_listsThePanes() {
        assertThat(run("snapshot", "--pane", "nope", "--out", home.resolve("x.png").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown pane 'nope'").contains("dashboard");
    }
}
