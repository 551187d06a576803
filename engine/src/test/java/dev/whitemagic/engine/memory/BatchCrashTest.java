package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM dies in the middle of an atomic batch; the next open shows all of it or none. */
class BatchCrashTest {

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"staged:5, 0", "moved:0, 20", "moved:7, 20"})
    void batchCreate_childJvmKilledMidBatch_allOrNothingAfterReopen(String where, int expected) throws Exception {
        open(home).close();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BatchCrashChild.class.getName(), home.toString(), where, "20")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);

        try (MemoryStore store = open(home)) {
            assertThat(store.size()).isEqualTo(expected);
            assertThat(store.search("echidna", null, List.of("crash"), false, 100)).hasSize(expected);
            assertThat(home.resolve("memory/.staging")).isEmptyDirectory();
        }
    }
}
