package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM is killed while a job runs; the reopened engine shows the job interrupted. */
class JobHistoryCrashTest {
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path home;

    @Test
    void scheduler_afterTheProcessWasKilledMidJob_showsItInterrupted_andCanRunItAgain() throws Exception {
        Path history = home.resolve("jobs/history.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), JobHistoryCrashChild.class.getName(), home.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (!startedRecorded(history) && p.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(startedRecorded(history)).as("the child recorded the job's start").isTrue();
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
        }

        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            ParallelScheduler s = engine.scheduler();
            TaskInfo endless = s.getTask(1).orElseThrow();
            assertThat(endless.name()).isEqualTo("endless");
            assertThat(endless.status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(endless.error()).isEqualTo(JobHistory.INTERRUPTED_RUNNING);
            assertThat(endless.startedAt()).isNotNull();
            assertThat(endless.rerunnable()).isFalse();

            s.registerRecipe("nap", params -> ctx -> "napped " + params.get("ms"));
            long again = s.rerun(1);
            assertThat(again).isEqualTo(2);
            assertThat(s.completion(again).get(10, TimeUnit.SECONDS).resultSummary()).isEqualTo("napped 1");
        }
    }

    private static boolean startedRecorded(Path history) throws Exception {
        return Files.exists(history) && Files.readString(history).contains("\"status\":\"RUNNING\"");
    }
}
