package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code whitemagic run} in a child JVM, stopped by SIGTERM or SIGINT (Ctrl+C) while its workers sleep. */
class RunCommandSignalTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void run_signal_stopsTheRunAndEnds_withOneLine(String signal, int exit) throws Exception {
        Path home = dir.resolve("home");
        Path out = dir.resolve("out");
        Path spec = Files.writeString(dir.resolve("slow.json"), """
                {"schema": 1, "name": "slow", "stages": [
                  {"id": "mark", "operation": "write-file", "workers": 1, "params": {"name": "started.txt"}},
                  {"id": "wait", "operation": "sleep", "workers": 64, "params": {"millis": 60000}}],
                 "edges": [{"from": "mark", "to": "wait"}]}
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.whitemagic.app.Main", "--home", home.toString(),
                "run", spec.toString(), "--input", "one", "--input", "two", "--output", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            // the first stage has written: the run is going, its workers asleep for a minute
            for (int i = 0; i < 600 && !Files.exists(out.resolve("started.txt")) && p.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertThat(out.resolve("started.txt")).as(Files.readString(dir.resolve("err.txt"))).exists();

            // SIGINT is what Ctrl+C sends to the foreground process
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

            // a hang check, not a timing one: it has a second to stop and gets ten times that
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("ended after SIG" + signal).isTrue();
            assertThat(p.exitValue()).isEqualTo(exit);
            String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
            assertThat(err.lines()).containsExactly("whitemagic: stopped by a signal; the run was cancelled");
        } finally {
            p.destroyForcibly();
        }
    }
}
