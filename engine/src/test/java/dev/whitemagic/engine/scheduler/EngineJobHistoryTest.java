package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's queue keeps its history in the data directory. */
class EngineJobHistoryTest {
    private static final long WAIT_S = 10;

    @TempDir
    Path home;

    private static void runOne(ParallelScheduler s, String name) throws InterruptedException {
        Semaphore finished = new Semaphore(0);
        try (var sub = s.subscribe(e -> {
            if (e instanceof JobEvent.Finished) {
                finished.release();
            }
        })) {
            s.addTask(TaskSpec.ofCallable(name, () -> name.length()).build());
            assertThat(finished.tryAcquire(WAIT_S, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void scheduler_afterEngineRestart_showsThePreviousJobs_andIdsContinue() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            runOne(engine.scheduler(), "first");
            runOne(engine.scheduler(), "second");
        }
        assertThat(home.resolve("jobs/history.jsonl")).isRegularFile();

        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            ParallelScheduler s = engine.scheduler();
            assertThat(s.getTasks()).extracting(TaskInfo::name).containsExactly("first", "second");
            assertThat(s.getTasks()).extracting(TaskInfo::status).containsOnly(TaskStatus.COMPLETED);
            assertThat(s.getTask(2).orElseThrow().resultSummary()).isEqualTo("6");
            assertThat(engine.jobHistoryProblem()).isEmpty();
            assertThat(s.addTask(TaskSpec.ofCallable("third", () -> 3).build())).isEqualTo(3);
        }
    }

    @Test
    void clearFinishedJobs_areGoneAfterARestart_tooButTheOthersStay() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            runOne(engine.scheduler(), "done one");
            runOne(engine.scheduler(), "done two");
            engine.scheduler().setMaxConcurrent(1);
            engine.scheduler().pause();
            engine.scheduler().addTask(TaskSpec.ofCallable("waiting", () -> 1).build());

            assertThat(engine.clearFinishedJobs()).isEqualTo(2);

            assertThat(engine.scheduler().getTasks()).extracting(TaskInfo::name).containsExactly("waiting");
        }
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            // the waiting one was cancelled when the engine closed; the cleared ones stay gone
            assertThat(engine.scheduler().getTasks()).extracting(TaskInfo::name, TaskInfo::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("waiting", TaskStatus.CANCELLED));
        }
    }

    @Test
    void scheduler_withJobHistoryOff_writesNothing_andRestoresNothing() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).jobHistory(false).build()) {
            assertThat(engine.config().jobHistory()).isFalse();
            runOne(engine.scheduler(), "untracked");
        }
        assertThat(home.resolve("jobs")).doesNotExist();
    }

    @Test
    void scheduler_damagedHistory_opensWithAnEmptyQueue_andKeepsTheDamagedFile() throws Exception {
        Path file = home.resolve("jobs/history.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n', '{', '{'});

        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            ParallelScheduler s = engine.scheduler();
            assertThat(s.getTasks()).isEmpty();
            runOne(s, "fresh start");
        }
        try (Stream<Path> files = Files.list(home.resolve("jobs"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("history.jsonl.damaged-"));
        }
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            assertThat(engine.scheduler().getTasks()).extracting(TaskInfo::name).containsExactly("fresh start");
        }
    }
}
