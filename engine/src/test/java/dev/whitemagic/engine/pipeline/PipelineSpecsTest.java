package dev.whitemagic.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.engine.files.ConfinedFolder;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.pipeline.ops.Counts;
import dev.whitemagic.engine.pipeline.ops.OperationContext;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import dev.whitemagic.engine.text.WordIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineSpecsTest {
    private static final OperationRegistry OPS = OperationRegistry.load();

    @TempDir
    Path dir;

    private static String sample(String name) throws IOException {
        try (InputStream in = PipelineSpecs.class.getResourceAsStream("/pipelines/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> problems(String json) {
        return PipelineSpecs.validate(PipelineSpecs.parse(json), OPS).stream().map(SpecProblem::toString).toList();
    }

    private static String chain(String stagesJson, String edgesJson) {
        return "{\"schema\": 1, \"name\": \"t\", \"stages\": [" + stagesJson + "], \"edges\": [" + edgesJson + "]}";
    }

    @Test
    void samples_areValid_andRoundTripThroughJson() throws Exception {
        for (String name : List.of("word-count.json", "grep-to-memories.json", "read-transform-write.json")) {
            PipelineSpecs.Parsed parsed = PipelineSpecs.parse(sample(name));
            assertThat(PipelineSpecs.validate(parsed, OPS)).as(name).isEmpty();

            String written = PipelineSpecs.toJson(parsed.spec());
            PipelineSpecs.Parsed again = PipelineSpecs.parse(written);
            assertThat(again.problems()).isEmpty();
            assertThat(again.spec()).as(name).isEqualTo(parsed.spec());
            assertThat(PipelineSpecs.toJson(again.spec())).isEqualTo(written);
        }
    }

    @Test
    void write_thenRead_givesTheSameSpec() throws Exception {
        PipelineSpec spec = PipelineSpecs.parse(sample("word-count.json")).spec();
        Path file = dir.resolve("sub/p.json");

        PipelineSpecs.write(spec, file);

        assertThat(PipelineSpecs.read(file).spec()).isEqualTo(spec);
        assertThat(PipelineSpecs.read(dir.resolve("missing.json")).problems()).singleElement()
                .hasToString(dir.resolve("missing.json") + ": cannot read: no such file");
    }

    @Test
    void wordCountSample_countsAsAReferenceComputation() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "the parallel engine reads the files\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.md"), "The engine and the pane; the end\n");
        Files.write(dir.resolve("bin.dat"), new byte[] {0, 1, 2, 0, 5});
        PipelineSpec spec = PipelineSpecs.parse(sample("word-count.json")).spec();

        PipelineResult r = PipelineSpecs.build(spec, OPS, OperationContext.none())
                .execute(PipelineSpecs.input(spec, OPS, List.of(dir.toString())));

        Map<String, Long> reference = new HashMap<>();
        for (String text : List.of(Files.readString(dir.resolve("a.txt")), Files.readString(dir.resolve("sub/b.md")))) {
            WordIndex.count(text).forEach((w, n) -> {
                if (w.length() >= 3) {
                    reference.merge(w, n, Long::sum);
                }
            });
        }
        assertThat(r.success()).isTrue();
        assertThat(r.errors()).isEmpty();
        assertThat(r.finalResults()).singleElement().isInstanceOfSatisfying(Counts.class,
                c -> assertThat(c.counts()).isEqualTo(reference).containsEntry("the", 5L));
        assertThat(r.stage("read").orElseThrow().input()).isEqualTo(3);
        assertThat(r.stage("count").orElseThrow().input()).isEqualTo(2); // the binary file was passed over
    }

    @Test
    void grepToMemoriesSample_keepsEachHitAsAMemory() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("A.java"), "class A {\n  // TODO split this\n  int x; // FIXME overflow\n}\n");
        Files.writeString(src.resolve("B.java"), "class B {}\n");
        PipelineSpec spec = PipelineSpecs.parse(sample("grep-to-memories.json")).spec();
        try (MemoryStore store = MemoryStore.open(dir.resolve("home"), ForkJoinPool.commonPool())) {
            PipelineResult r = PipelineSpecs.build(spec, OPS, OperationContext.of(() -> store))
                    .execute(PipelineSpecs.input(spec, OPS, List.of(src.toString())));

            assertThat(r.errors()).isEmpty();
            assertThat(r.finalResults()).hasSize(2);
            assertThat(store.search("overflow", null, List.of("todo"), false, 10)).singleElement()
                    .satisfies(h -> assertThat(h.title()).isEqualTo("A.java:3"));
        }
    }

    @Test
    void readTransformWrite_writesUnderTheOutputFolderOnly() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("note.md"), "  hello  \n  world\n");
        Path out = dir.resolve("out");
        PipelineSpec spec = PipelineSpecs.parse(sample("read-transform-write.json")).spec();
        OperationContext context = OperationContext.of(() -> null, ConfinedFolder.of(out));

        PipelineResult r = PipelineSpecs.build(spec, OPS, context).execute(PipelineSpecs.input(spec, OPS, List.of(in.toString())));

        assertThat(r.errors()).isEmpty();
        assertThat(Files.readString(out.resolve("note.md"))).isEqualTo("HELLO\nWORLD");
        // overwrite is off by default: a second run leaves the file as it is and says why
        PipelineResult again = PipelineSpecs.build(spec, OPS, context).execute(PipelineSpecs.input(spec, OPS, List.of(in.toString())));
        assertThat(again.errors()).singleElement().satisfies(e -> assertThat(e.message()).endsWith("exists (overwrite is off)"));
    }

    @Test
    void writeFile_absoluteOrDotDotFolder_isRefusedBeforeTheRun() {
        String write = "{\"id\": \"w\", \"operation\": \"write-file\", \"params\": {\"folder\": %s}}";
        assertThat(problems(chain(String.format(write, "\"/etc\""), ""))).singleElement().asString()
                .startsWith("stages[0].params.folder: \"/etc\" is outside the output folder");
        assertThat(problems(chain(String.format(write, "\"a/../../x\""), ""))).singleElement().asString()
                .startsWith("stages[0].params.folder: \"a/../../x\" leaves the output folder");
        assertThat(problems(chain("{\"id\": \"w\", \"operation\": \"write-file\", \"params\": {\"name\": \"../{file}\"}}", "")))
                .singleElement().asString().startsWith("stages[0].params.name: \"../x\" leaves the output folder");
    }

    @Test
    void writeFile_throughASymlinkedSubfolder_isAnItemError_andNothingIsWrittenOutside() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("decoy.txt"), "from the pipeline");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path decoy = Files.writeString(outside.resolve("decoy.txt"), "keep me");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("sub"), outside);
        PipelineSpec spec = PipelineSpecs.parse(chain("{\"id\": \"read\", \"operation\": \"read-file\"},"
                + " {\"id\": \"w\", \"operation\": \"write-file\", \"params\": {\"folder\": \"sub\", \"overwrite\": true}}",
                "{\"from\": \"read\", \"to\": \"w\"}")).spec();

        PipelineResult r = PipelineSpecs.build(spec, OPS, OperationContext.of(() -> null, ConfinedFolder.of(out)))
                .execute(List.of(in.resolve("decoy.txt")));

        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("resolves outside the output folder").contains("sub is a symbolic link to"));
        assertThat(decoy).hasContent("keep me");
    }

    @Test
    void validation_reportsEveryProblemWithItsPlace() {
        assertThat(problems("{\"schema\": 1, \"stages\": [")).singleElement().asString().startsWith("line 1, column")
                .contains("not valid JSON");
        assertThat(problems("[1, 2]")).containsExactly("file: expected a JSON object with \"schema\" and \"stages\"");
        assertThat(problems("{\"stages\": []}")).containsExactly("schema: missing (this engine reads version 1)",
                "stages: a pipeline needs at least one stage");
        assertThat(problems("{\"schema\": 9, \"stages\": [{\"id\": \"a\", \"operation\": \"sleep\"}], \"colour\": 1}"))
                .containsExactly("colour: unknown key (expected one of description, edges, input, name, options, schema, stages)",
                        "schema: version 9 is newer than this engine reads (1)");

        assertThat(problems(chain("{\"id\": \"a\", \"operation\": \"grepp\"}", "")))
                .containsExactly("stages[0].operation: unknown operation 'grepp' (did you mean 'grep'?)");
        assertThat(problems(chain("{\"id\": \"g\", \"operation\": \"grep\", \"workers\": 0, \"params\": {\"patern\": \"x\"}}", "")))
                .containsExactly("stages[0].workers: expected a whole number from 1 to 1,024, got 0",
                        "stages[0].params.patern: 'grep' has no parameter 'patern'",
                        "stages[0].params.pattern: missing (required: What to look for)");
        assertThat(problems(chain("{\"id\": \"g\", \"operation\": \"grep\", \"params\": {\"pattern\": \"(x\", \"fixed\": \"maybe\"}}", "")))
                .containsExactly("stages[0].params.pattern: invalid regex: missing closing ): `(x`",
                        "stages[0].params.fixed: expected true or false, got 'maybe'");
        assertThat(problems(chain("{\"id\": \"s\", \"operation\": \"sleep\", \"params\": {\"millis\": \"soon\"}, \"onError\": \"panic\"}", "")))
                .containsExactly("stages[0].params.millis: expected a whole number from 0 to 60,000, got 'soon'",
                        "stages[0].onError: expected skip, fail or retry:N with N from 1 to 100, got 'panic'");
        assertThat(problems(chain("{\"id\": \"t\", \"operation\": \"transform\", \"params\": {\"case\": \"title\"}}", "")))
                .containsExactly("stages[0].params.case: expected one of keep, upper, lower, got 'title'");
        assertThat(problems(chain("{\"id\": \"a\", \"operation\": \"sleep\"}, {\"id\": \"a\", \"operation\": \"sleep\"}", "")))
                .containsExactly("stages[1].id: 'a' is used by another stage");
        assertThat(problems(chain("{\"operation\": \"sleep\"}", "")))
                .containsExactly("stages[0].id: missing", "stages: a pipeline needs at least one stage");
    }

    @Test
    void validation_checksTheGraph_edgesCyclesAndTypes() {
        String two = "{\"id\": \"list\", \"operation\": \"list-files\"}, {\"id\": \"grep\", \"operation\": \"grep\", \"params\": {\"pattern\": \"x\"}}";
        assertThat(problems(chain(two, "{\"from\": \"list\", \"to\": \"grep\"}")))
                .containsExactly("edges[0]: 'grep' (Grep) takes text but 'list' makes path");
        assertThat(problems(chain(two, "{\"from\": \"list\", \"to\": \"nowhere\"}, {\"from\": \"grep\"}")))
                .containsExactly("edges[1]: expected {\"from\": stage id, \"to\": stage id}", "edges[0]: no stage 'nowhere'");
        String loop = "{\"id\": \"a\", \"operation\": \"sleep\"}, {\"id\": \"b\", \"operation\": \"sleep\"}";
        assertThat(problems(chain(loop, "{\"from\": \"a\", \"to\": \"b\"}, {\"from\": \"b\", \"to\": \"a\"}")))
                .containsExactly("edges: the stages form a cycle: a → b → a");
        // SAME passes the type through: read → filter → grep is fine, list → filter → grep is not.
        String viaFilter = "{\"id\": \"list\", \"operation\": \"list-files\"}, {\"id\": \"f\", \"operation\": \"filter\"},"
                + " {\"id\": \"grep\", \"operation\": \"grep\", \"params\": {\"pattern\": \"x\"}}";
        assertThat(problems(chain(viaFilter, "{\"from\": \"list\", \"to\": \"f\"}, {\"from\": \"f\", \"to\": \"grep\"}")))
                .containsExactly("edges[1]: 'grep' (Grep) takes text but 'f' makes path");
    }

    @Test
    void checkConnection_saysWhyAnEdgeIsRefused() throws Exception {
        PipelineSpec spec = PipelineSpecs.parse(sample("word-count.json")).spec();
        assertThat(PipelineSpecs.checkConnection(spec, OPS, "list", "count")).isEqualTo("'count' (Word count) takes text but 'list' makes path");
        assertThat(PipelineSpecs.checkConnection(spec, OPS, "top", "list")).isEqualTo("the stages form a cycle: list → read → count → top → list");
        assertThat(PipelineSpecs.checkConnection(spec, OPS, "list", "read")).isEqualTo("they are already connected");
        assertThat(PipelineSpecs.checkConnection(spec, OPS, "read", "top")).isNull();
    }

    @Test
    void build_withProblems_throwsThemAll() {
        PipelineSpec spec = PipelineSpecs.parse(chain("{\"id\": \"g\", \"operation\": \"grep\"}", "")).spec();
        assertThatThrownBy(() -> PipelineSpecs.build(spec, OPS, OperationContext.none()))
                .isInstanceOfSatisfying(PipelineSpecs.InvalidPipelineException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::place).containsExactly("stages[0].params.pattern"));
    }
}
