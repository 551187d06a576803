package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.ChildJvm;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several real processes keep one job history: no id is shared, no record lost, no live job called interrupted. */
class MultiProcessJobHistoryTest {

    @TempDir
    Path home;

    /** Before: both processes continued after the same restored id, so one job's records overwrote the other's. */
    @Test
    void twoProcessesRunJobsAtOnce_everyJobOfBothKeptWithItsOwnId() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            engine.scheduler().completion(engine.scheduler().addTask(TaskSpec.ofCallable("before", () -> 0).build())).get();
        }
        Process a = child(JobHistoryChild.class, "alpha", "300");
        Process b = child(JobHistoryChild.class, "beta", "300");
        assertThat(finish(a)).contains("done");
        assertThat(finish(b)).contains("done");
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            List<TaskInfo> all = engine.scheduler().getTasks();
            assertThat(all).hasSize(601);
            assertThat(all.stream().map(TaskInfo::id).distinct()).hasSize(601);
            assertThat(all.stream().filter(t -> t.name().startsWith("alpha "))).hasSize(300);
            assertThat(all.stream().filter(t -> t.name().startsWith("beta "))).hasSize(300);
            assertThat(all).extracting(TaskInfo::status).containsOnly(TaskStatus.COMPLETED);
        }
    }

    /** Before: opening the history (any CLI command) marked the window's running job interrupted. */
    @Test
    void openWhileAnotherProcessRunsAJob_leavesItsJobAloneUntilThatProcessDies() throws Exception {
        Path history = home.resolve("jobs/history.jsonl");
        Process p = child(JobHistoryCrashChild.class);
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!(Files.exists(history) && Files.readString(history).contains("\"status\":\"RUNNING\""))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
                assertThat(engine.scheduler().getTasks()).noneMatch(t -> t.name().equals("endless"));
                long mine = engine.scheduler().addTask(TaskSpec.ofCallable("mine", () -> 1).build());
                engine.scheduler().completion(mine).get(30, TimeUnit.SECONDS);
                assertThat(mine).isNotEqualTo(1); // id 1 is the other process's running job
            }
            assertThat(Files.readString(history)).doesNotContain("INTERRUPTED");
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            TaskInfo endless = engine.scheduler().getTask(1).orElseThrow();
            assertThat(endless.status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(engine.scheduler().getTasks()).extracting(TaskInfo::name).contains("mine");
        }
    }

    private Process child(Class<?> main, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(home.toString()));
        all.addAll(List.of(args));
        return ChildJvm.start(main, all.toArray(String[]::new));
    }

    private static String finish(Process p) throws Exception {
        return ChildJvm.finish(p);
    }
}
