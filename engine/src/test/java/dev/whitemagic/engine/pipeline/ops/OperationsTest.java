package dev.whitemagic.engine.pipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.engine.pipeline.StageFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationsTest {
    private static final OperationRegistry OPS = OperationRegistry.load();

    @TempDir
    Path dir;

    /** Runs one operation on one item and returns what it emitted. */
    private static List<Object> run(String id, Map<String, ?> params, Object item) throws Exception {
        Operation op = OPS.find(id).orElseThrow();
        StageFunction<Object, Object> fn = op.create(new Parameters(op.parameters(), params), OperationContext.none());
        List<Object> out = new ArrayList<>();
        fn.apply(item, out::add);
        fn.finish(out::add);
        return out;
    }

    @Test
    void builtIns_andAServiceLoaderOne_areRegistered() {
        assertThat(OPS.all()).extracting(Operation::id).containsExactly("list-files", "read-file", "split-lines", "grep",
                "match", "word-count", "similarity", "filter", "transform", "aggregate", "create-memory",
                "search-memories", "write-file", "sleep", "shout");
        assertThat(OPS.problems()).isEmpty();
        assertThat(OperationRegistry.of(List.of(new Shout() {
            @Override
            public String id() {
                return "grep";
            }
        })).problems()).singleElement().asString().contains("operation 'grep'").contains("the id is taken");
    }

    @Test
    void textOperations_doWhatTheySay() throws Exception {
        FileText doc = new FileText(Path.of("doc.txt"), "alpha beta\nBeta gamma beta\n");
        assertThat(run("split-lines", Map.of(), doc)).containsExactly(new Line(Path.of("doc.txt"), 1, "alpha beta"),
                new Line(Path.of("doc.txt"), 2, "Beta gamma beta"));
        assertThat(run("grep", Map.of("pattern", "gamma"), doc)).containsExactly(new Line(Path.of("doc.txt"), 2, "Beta gamma beta"));
        assertThat(run("match", Map.of("patterns", List.of("beta", "zeta"), "ignore-case", true), doc))
                .containsExactly(new Counts("doc.txt", Map.of("beta", 3L, "zeta", 0L)));
        assertThat(run("transform", Map.of("find", "b(eta)", "replace", "z$1", "case", "upper"), "a beta"))
                .containsExactly("A ZETA");
        assertThat(run("transform", Map.of("trim", true), new Line(null, 4, "  x  "))).containsExactly(new Line(null, 4, "x"));
        Score s = (Score) run("similarity", Map.of("reference", "alpha beta"), doc).getFirst();
        assertThat(s.jaccard()).isEqualTo(2.0 / 3.0);
        assertThat(run("similarity", Map.of("reference", "alpha beta", "min-jaccard", "0.9"), doc)).isEmpty();
        assertThat(run("aggregate", Map.of("mode", "count"), "x")).containsExactly(new Counts("all", Map.of("items", 1L)));
        assertThat(run("sleep", Map.of("millis", 0), "x")).containsExactly("x");
    }

    @Test
    void filter_byRegexExtensionAndSize() throws Exception {
        Path small = Files.writeString(dir.resolve("small.md"), "hi");
        Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(1000));
        assertThat(run("filter", Map.of("extensions", "md"), small)).containsExactly(small);
        assertThat(run("filter", Map.of("extensions", ".MD"), big)).isEmpty();
        assertThat(run("filter", Map.of("min-size", 100), big)).containsExactly(big);
        assertThat(run("filter", Map.of("min-size", 100, "invert", true), big)).isEmpty();
        assertThat(run("filter", Map.of("regex", "^TODO"), "TODO: x")).containsExactly("TODO: x");
    }

    @Test
    void invalidParameters_sayWhichAndWhy() {
        assertThatThrownBy(() -> run("grep", Map.of("pattern", "(x"), "t")).hasMessageStartingWith("pattern:");
        assertThatThrownBy(() -> run("aggregate", Map.of("top", 0), "t")).hasMessage("top: must be 1 or more, got 0");
        assertThatThrownBy(() -> run("search-memories", Map.of(), "q")).hasMessage("no memory store here");
    }

    /** An operation from outside the engine, found by ServiceLoader. */
    public static class ShoutProvider implements OperationProvider {
        @Override
        public List<Operation> operations() {
            return List.of(new Shout());
        }
    }

    static class Shout implements Operation {
        public String id() {
            return "shout";
        }

        public String title() {
            return "Shout";
        }

        public String description() {
            return "Upper-cases text.";
        }

        public String category() {
            return "Text";
        }

        public DataType input() {
            return DataType.STRING;
        }

        public DataType output() {
            return DataType.STRING;
        }

        public List<Parameter> parameters() {
            return List.of();
        }

        public StageFunction<Object, Object> create(Parameters params, OperationContext context) {
            return StageFunction.map(x -> String.valueOf(x).toUpperCase());
        }
    }
}
