package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** grep's command line read without picocli gives what picocli gives, or is left to picocli. */
class PlainGrepTest {

    @TempDir
    Path home;

    @TempDir
    Path dir;

    static Stream<List<String>> plainCommandLines() {
        return Stream.of(
                List.of("grep", "needle", "a"),
                List.of("grep", "needle", "a", "b/c", "d e"),
                List.of("grep", "-F", "-i", "-w", "-c", "a.b", "x"),
                List.of("grep", "--fixed-strings", "--ignore-case", "--word-regexp", "--count", "p", "x"),
                List.of("grep", "-C", "2", "p", "x"),
                List.of("grep", "--context", "3", "p", "x"),
                List.of("grep", "--context=0", "p", "x"),
                List.of("grep", "p", "x", "-c"),
                List.of("grep", "--json", "--hidden", "--no-ignore", "--sort", "p", "x"),
                List.of("grep", "--glob", "**/*.java", "p", "x"),
                List.of("grep", "--glob=*.md", "p", "x"),
                List.of("grep", "--ext", "java,md", "--ext=txt", "p", "x"),
                List.of("grep", "p", "x", "-i", "y", "--sort"),
                List.of("grep", "", "x"),
                List.of("grep", "\\bvoid\\s+\\w+\\(", "x"),
                List.of("--home", "/tmp/wm-home", "grep", "p", "x"),
                List.of("--home=/tmp/wm-home", "grep", "-c", "p", "x"));
    }

    @ParameterizedTest
    @MethodSource("plainCommandLines")
    void parse_givesTheFieldsPicocliGives(List<String> args) {
        String[] a = args.toArray(String[]::new);
        GrepCommand plain = PlainGrep.parse(a);
        assertThat(plain).as("read without picocli").isNotNull();

        CommandLine cli = WhiteMagicCommand.commandLine(a);
        CommandLine.ParseResult parsed = cli.parseArgs(a);
        GrepCommand picocli = (GrepCommand) parsed.subcommand().commandSpec().userObject();
        WhiteMagicCommand root = (WhiteMagicCommand) parsed.commandSpec().userObject();

        assertThat(fields(plain, plain.root)).isEqualTo(fields(picocli, root));
    }

    private static List<Object> fields(GrepCommand g, WhiteMagicCommand root) {
        return List.of(g.pattern, g.paths, g.fixed, g.ignoreCase, g.word, g.count, g.context, g.json,
                g.walk.glob, g.walk.extensions, g.walk.hidden, g.walk.noIgnore, g.walk.sort, g.walk.missing,
                Objects.toString(root.home));
    }

    @Test
    void parse_leavesEverythingElseToPicocli() {
        List<List<String>> others = List.of(
                List.of(), List.of("grep"), List.of("grep", "p"), List.of("grep", "--help"), List.of("grep", "-h"),
                List.of("grep", "-V"), List.of("grep", "-ic", "p", "x"), List.of("grep", "--", "-p", "x"),
                List.of("grep", "-C", "many", "p", "x"), List.of("grep", "-C3", "p", "x"), List.of("grep", "-C"),
                List.of("grep", "-i", "-i", "p", "x"), List.of("grep", "--glob", "-x", "p", "x"),
                List.of("grep", "--glob", "a", "--glob", "b", "p", "x"), List.of("grep", "--json=true", "p", "x"),
                List.of("grep", "-", "x"), List.of("grep", "--unknown", "p", "x"), List.of("grep", "p", "x", "-C"), List.of("grep", "-C", "-1", "p", "x"),
                List.of("--home"), List.of("--home", "h"), List.of("--version"), List.of("read", "x"),
                List.of("--home", "h", "read", "x"), List.of("scan", "grep", "x"), List.of("grep", "p", "nul\0path"));
        for (List<String> args : others) {
            assertThat(PlainGrep.parse(args.toArray(String[]::new))).as("%s", args).isNull();
        }
    }

    /** {@code output}'s lines, sorted unless {@code args} ask for sorted output. */
    private static List<String> lines(String output, List<String> args) {
        List<String> lines = new ArrayList<>(output.lines().toList());
        if (!args.contains("--sort")) {
            lines.sort(null);
        }
        return lines;
    }

    /** The output without the JSON summary's elapsed time (which two runs need not share). */
    private static String timeless(String output) {
        return output.replaceAll("\"elapsed_ms\":\\d+", "\"elapsed_ms\":0");
    }

    @Test
    void run_printsAndExitsAsThroughPicocli() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "alpha needle\nbeta\nNeedle gamma\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.md"), "one\ntwo needle two\nthree\n");
        Files.writeString(dir.resolve(".hidden"), "needle\n");
        String d = dir.toString();
        List<List<String>> runs = List.of(
                List.of("grep", "--sort", "needle", d), List.of("grep", "-i", "-c", "--sort", "needle", d),
                List.of("grep", "-C", "1", "two", dir.resolve("sub/b.md").toString()),
                List.of("grep", "--hidden", "--sort", "-w", "needle", d), List.of("grep", "zebra", d),
                List.of("grep", "(open", d), List.of("grep", "needle", dir.resolve("nope").toString()),
                List.of("grep", "-C", "0", "-c", "needle", d), List.of("grep", "--ext", "md", "needle", d),
                List.of("grep", "--json", "-c", "needle", dir.resolve("a.txt").toString()));
        for (List<String> args : runs) {
            String[] a = args.toArray(String[]::new);
            assertThat(PlainGrep.parse(a)).as("%s takes the plain route", args).isNotNull();
            CliRunner plain = new CliRunner(home);
            CliRunner picocli = new CliRunner(home);
            int plainCode = plain.run(a);
            int picocliCode = picocli.runWithPicocli(a);
            assertThat(plainCode).as("exit code of %s", args).isEqualTo(picocliCode);
            // without --sort, files are printed as their searches end: the same lines, in either order
            assertThat(lines(timeless(plain.out.toString()), args)).as("output of %s", args)
                    .isEqualTo(lines(timeless(picocli.out.toString()), args));
            assertThat(plain.err.toString()).as("errors of %s", args).isEqualTo(picocli.err.toString());
        }
    }
}
