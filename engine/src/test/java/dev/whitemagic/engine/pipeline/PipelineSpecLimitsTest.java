package dev.whitemagic.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.whitemagic.engine.pipeline.ops.OperationContext;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile pipeline files: each gets one clear problem naming the field, its value and what is allowed. */
class PipelineSpecLimitsTest {
    private static final OperationRegistry OPS = OperationRegistry.load();

    @TempDir
    Path dir;

    private static List<String> problems(String json) {
        return PipelineSpecs.validate(PipelineSpecs.parse(json), OPS).stream().map(SpecProblem::toString).toList();
    }

    private static String one(String stageJson) {
        return "{\"schema\": 1, \"stages\": [" + stageJson + "]}";
    }

    private static String chainOf(int n) {
        StringJoiner stages = new StringJoiner(",");
        StringJoiner edges = new StringJoiner(",");
        for (int i = 0; i < n; i++) {
            stages.add("{\"id\": \"s" + i + "\", \"operation\": \"sleep\", \"workers\": 1}");
            if (i > 0) {
                edges.add("{\"from\": \"s" + (i - 1) + "\", \"to\": \"s" + i + "\"}");
            }
        }
        return "{\"schema\": 1, \"stages\": [" + stages + "], \"edges\": [" + edges + "]}";
    }

    @Test
    void workers_aHundredMillion_isRefusedWithTheAllowedRange() {
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"sleep\", \"workers\": 100000000}")))
                .containsExactly("stages[0].workers: expected a whole number from 1 to 1,024, got 100000000");
    }

    @Test
    void workers_manyStagesTogether_areBounded() {
        StringJoiner stages = new StringJoiner(",");
        for (int i = 0; i < 20; i++) {
            stages.add("{\"id\": \"s" + i + "\", \"operation\": \"sleep\", \"workers\": 1024}");
        }
        assertThat(problems("{\"schema\": 1, \"stages\": [" + stages + "]}"))
                .containsExactly("stages: 20,480 workers in all; the stages together may have at most 16,384");
    }

    @Test
    void queueCapacity_intMax_isRefusedWithTheAllowedRange_notNull() {
        assertThat(problems("{\"schema\": 1, \"options\": {\"queueCapacity\": 2147483647}, \"stages\": [{\"id\": \"a\", \"operation\": \"sleep\"}]}"))
                .containsExactly("options.queueCapacity: expected a whole number from 1 to 65,536, got 2147483647");
        assertThat(problems("{\"schema\": 1, \"options\": {\"queueCapacity\": 1e40}, \"stages\": [{\"id\": \"a\", \"operation\": \"sleep\"}]}"))
                .singleElement().asString().startsWith("options.queueCapacity: expected a whole number from 1 to 65,536, got");
    }

    @Test
    void queueCapacity_timesManyStages_isBounded() {
        String json = chainOf(100).replace("\"schema\": 1,", "\"schema\": 1, \"options\": {\"queueCapacity\": 65536},");
        assertThat(problems(json)).containsExactly(
                "options.queueCapacity: 65,536 × 100 stages is room for 6,553,600 queued items; the limit is 4,194,304 (lower the capacity)");
    }

    @Test
    void timeoutAndRetries_absurd_areRefusedWithTheAllowedRange() {
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"sleep\", \"timeoutMillis\": 9223372036854775807, \"onError\": \"retry:2147483647\"}")))
                .containsExactly("stages[0].timeoutMillis: expected a whole number from 0 to 86,400,000, got 9223372036854775807 milliseconds (0 for none)",
                        "stages[0].onError: expected skip, fail or retry:N with N from 1 to 100, got 'retry:2147483647'");
    }

    @Test
    void stageParams_outOfRange_nameTheFieldTheValueAndTheRange() {
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"sleep\", \"params\": {\"millis\": 1000000000000}}")))
                .containsExactly("stages[0].params.millis: expected a whole number from 0 to 60,000, got 1000000000000");
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"list-files\", \"params\": {\"max-depth\": 4294967296}}")))
                .containsExactly("stages[0].params.max-depth: expected a whole number from 0 to 1,024, got 4294967296");
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"aggregate\", \"params\": {\"top\": 100000000000000000000000000000}}")))
                .containsExactly("stages[0].params.top: expected a whole number from 1 to 1,000,000, got '100000000000000000000000000000'");
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"similarity\", \"params\": {\"reference\": \"x\", \"min-jaccard\": \"NaN\"}}")))
                .containsExactly("stages[0].params.min-jaccard: expected a number from 0 to 1, got 'NaN'");
    }

    @Test
    void coordinates_absurd_areRefused() {
        assertThat(problems(one("{\"id\": \"a\", \"operation\": \"sleep\", \"x\": 1e300, \"y\": \"left\"}")))
                .containsExactly("stages[0].x: expected a number from -1,000,000 to 1,000,000, got 1.0E300",
                        "stages[0].y: expected a number from -1,000,000 to 1,000,000, got \"left\"");
    }

    @Test
    void tenThousandStages_isOneProblem_notAStackOverflow() {
        assertThat(problems(chainOf(10_000))).containsExactly("stages: 10,000 stages; a pipeline may have 1 to 1,000");
    }

    @Test
    void aThousandStages_inAChain_validateAndRun() {
        PipelineSpecs.Parsed parsed = PipelineSpecs.parse(chainOf(1000).replace("\"workers\": 1}", "\"workers\": 1, \"params\": {\"millis\": 0}}"));
        assertThat(PipelineSpecs.validate(parsed, OPS)).isEmpty();

        PipelineResult r = PipelineSpecs.build(parsed.spec(), OPS, OperationContext.none()).execute(List.of("x"));

        assertThat(r.finalResults()).containsExactly("x");
    }

    @Test
    void findCycle_tenThousandStagesInAChain_doesNotOverflowTheStack() {
        ParallelPipeline p = ParallelPipeline.create();
        for (int i = 0; i < 10_000; i++) {
            p.addStage(StageSpec.of("s" + i, StageFunction.map(x -> x)).build());
        }
        assertThat(p.findCycle()).isEmpty();
        p.connect("s9999", "s0");
        assertThat(p.findCycle()).hasSize(10_001).startsWith("s0", "s1").endsWith("s9999", "s0");
    }

    @Test
    void deeplyNestedJson_isOneProblem() {
        assertThat(problems("[".repeat(100_000))).singleElement().asString()
                .endsWith("nested more than 64 levels deep (a pipeline file needs 4)");
    }

    @Test
    void hugeFile_isRefusedBeforeItIsRead() throws Exception {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: no gigabyte written
        }
        assertThat(PipelineSpecs.read(big).problems()).singleElement()
                .hasToString(big + ": 1,073,741,824 bytes is too large for a pipeline file (at most 4,194,304)");
    }

    @Test
    void fifoOrFolder_isNotRead_neverBlocks() throws Exception {
        assertThat(PipelineSpecs.read(dir).problems()).singleElement().asString().endsWith("not a regular file (a folder, FIFO or device is not read)");
        Path fifo = dir.resolve("p.json");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        assertThat(PipelineSpecs.read(fifo).problems()).singleElement().asString().endsWith("not a regular file (a folder, FIFO or device is not read)");
    }

    @Test
    void notUtf8_isOneProblem() throws Exception {
        Path bin = Files.write(dir.resolve("bin.json"), new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        assertThat(PipelineSpecs.read(bin).problems()).singleElement().hasToString(bin + ": not UTF-8 text (a pipeline file is JSON)");
    }

    @Test
    void wrongTypesAndMissingFields_areProblemsNotExceptions() {
        for (String json : List.of("{}", "null", "\"x\"", "{\"schema\": \"1\", \"stages\": {}}", "{\"schema\": 1, \"stages\": [1, null, []]}",
                "{\"schema\": 1, \"stages\": [{\"id\": 5, \"operation\": []}], \"edges\": 7}",
                "{\"schema\": 1, \"stages\": [{\"id\": \"a\", \"operation\": \"sleep\", \"params\": {\"millis\": {\"a\": 1}}}], \"edges\": [null, 1]}",
                "{\"schema\": 1, \"stages\": [{\"id\": \"a\", \"operation\": \"nope\"}], \"options\": []}")) {
            assertThatCode(() -> assertThat(problems(json)).as(json).isNotEmpty()).doesNotThrowAnyException();
        }
    }
}
