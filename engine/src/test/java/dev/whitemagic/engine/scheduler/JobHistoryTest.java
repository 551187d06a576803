package dev.whitemagic.engine.scheduler;

import static dev.whitemagic.engine.scheduler.ParallelSchedulerRestoreTest.ended;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobHistoryTest {
    private static final long WAIT_S = 10;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path home;

    private Path file() {
        return home.resolve("jobs/history.jsonl");
    }

    /**
     * Counts Finished events. Subscribed after the history, so the history has seen an event
     * once this listener has (listeners are called in order, one event at a time).
     */
    private static Semaphore finishes(ParallelScheduler s) {
        Semaphore finished = new Semaphore(0);
        s.subscribe(e -> {
            if (e instanceof JobEvent.Finished) {
                finished.release();
            }
        });
        return finished;
    }

    private static void awaitFinishes(Semaphore finished, int n) throws InterruptedException {
        assertThat(finished.tryAcquire(n, WAIT_S, TimeUnit.SECONDS)).as("%d tasks finished", n).isTrue();
    }

    /** A task's recorded fields (everything but rerunnable, which depends on the process). */
    private static List<Object> recorded(TaskInfo t) {
        return Arrays.asList(t.id(), t.name(), t.kind(), t.priority(), t.status(), t.createdAt(), t.startedAt(),
                t.finishedAt(), t.dependencies(), t.resultSummary(), t.error(), t.attempts(), t.recipe());
    }

    private static TaskInfo state(long id, String name, TaskStatus status, Instant started, Instant finished) {
        return new TaskInfo(id, name, "demo", TaskPriority.NORMAL, status, T0.plusSeconds(id), started, finished,
                List.of(), null, null, started == null ? 0 : 1, 0, 0);
    }

    private void writeLines(String... lines) throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), String.join("", lines), StandardCharsets.UTF_8);
    }

    private static String line(TaskInfo t) {
        return new String(HistoryCodec.encode(t), StandardCharsets.UTF_8);
    }

    private List<String> fileLines() throws IOException {
        return Files.readAllLines(file()).stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void reopen_afterJobsRan_showsTheSameNamesStatesTimesSummariesAndErrors() throws Exception {
        List<TaskInfo> before;
        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(2).build()) {
            history.attach(s);
            Semaphore finished = finishes(s);
            s.start();
            long ok = s.addTask(TaskSpec.ofCallable("answer", () -> 42).kind("demo").priority(TaskPriority.HIGH)
                    .recipe("answer", Map.of("q", "life")).build());
            long bad = s.addTask(TaskSpec.ofCallable("broken", () -> {
                throw new IllegalStateException("disk on fire");
            }).build());
            long dep = s.addTask(TaskSpec.ofCallable("after broken", () -> 1).dependsOn(bad).build());
            awaitFinishes(finished, 3);
            before = s.getTasks();
            assertThat(s.getTask(ok).orElseThrow().resultSummary()).isEqualTo("42");
            assertThat(s.getTask(dep).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        }

        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().build()) {
            history.attach(s);

            assertThat(history.skippedLines()).isZero();
            assertThat(s.getTasks()).extracting(JobHistoryTest::recorded)
                    .containsExactlyElementsOf(before.stream().map(JobHistoryTest::recorded).toList());
            assertThat(s.getTask(2).orElseThrow().error()).isEqualTo("IllegalStateException: disk on fire");
            assertThat(s.getTask(3).orElseThrow().dependencies()).containsExactly(2L);
            assertThat(s.getTask(1).orElseThrow().recipe()).isEqualTo(new JobRecipe("answer", Map.of("q", "life")));
        }
    }

    @Test
    void open_jobsLastSeenRunningOrPending_becomeInterrupted_writtenBack_andIdsContinue() throws Exception {
        Instant lastSeen = T0.plusSeconds(60);
        writeLines(line(state(1, "done", TaskStatus.COMPLETED, T0.plusSeconds(2), T0.plusSeconds(3))),
                line(state(2, "long", TaskStatus.PENDING, null, null)),
                line(state(2, "long", TaskStatus.RUNNING, T0.plusSeconds(4), null)),
                line(state(3, "waiting", TaskStatus.PENDING, null, null)),
                line(state(4, "late", TaskStatus.RUNNING, lastSeen, null)));

        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().build()) {
            history.attach(s);
            Semaphore finished = finishes(s);
            s.start();

            TaskInfo running = s.getTask(2).orElseThrow();
            assertThat(running.status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(running.error()).isEqualTo("interrupted: the workbench stopped while it was running");
            assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(4));
            assertThat(running.finishedAt()).isEqualTo(lastSeen);
            TaskInfo waiting = s.getTask(3).orElseThrow();
            assertThat(waiting.status()).isEqualTo(TaskStatus.INTERRUPTED);
            assertThat(waiting.error()).isEqualTo("interrupted: the workbench stopped while it was waiting");
            assertThat(s.getTask(1).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(s.stats().interrupted()).isEqualTo(3);

            long next = s.addTask(TaskSpec.ofCallable("after restart", () -> "fine").build());
            assertThat(next).isEqualTo(5);
            awaitFinishes(finished, 1);
        }

        List<String> lines = fileLines();
        assertThat(lines).hasSize(5 + 3 + 3);   // as written, three interrupted, three states of task 5
        assertThat(lines.subList(5, 8)).allMatch(l -> l.contains("\"status\":\"INTERRUPTED\""));
        try (JobHistory again = JobHistory.open(file())) {
            assertThat(again.tasks()).extracting(TaskInfo::status).containsExactly(TaskStatus.COMPLETED,
                    TaskStatus.INTERRUPTED, TaskStatus.INTERRUPTED, TaskStatus.INTERRUPTED, TaskStatus.COMPLETED);
        }
        assertThat(fileLines()).hasSize(11);   // nothing derived again
    }

    @Test
    void open_tornLastLineAndGarbageMiddleLine_skipsThemAndAppendsCleanly() throws Exception {
        String torn = line(state(3, "torn", TaskStatus.COMPLETED, T0, T0));
        writeLines(line(state(1, "one", TaskStatus.COMPLETED, T0, T0)),
                "{\"v\":1,\"id\":\"not a number\"\n",
                "\u0000\u0001 garbage }{\n",
                line(state(2, "two", TaskStatus.FAILED, T0, T0)),
                torn.substring(0, torn.length() / 2));

        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().build()) {
            assertThat(history.skippedLines()).isEqualTo(3);
            assertThat(history.damagedFile()).isEmpty();
            assertThat(history.tasks()).extracting(TaskInfo::name).containsExactly("one", "two");
            history.attach(s);
            Semaphore finished = finishes(s);
            s.start();
            assertThat(s.addTask(TaskSpec.ofCallable("three", () -> 3).build())).isEqualTo(3);
            awaitFinishes(finished, 1);
        }

        try (JobHistory history = JobHistory.open(file())) {
            assertThat(history.tasks()).extracting(TaskInfo::name).containsExactly("one", "two", "three");
            assertThat(history.tasks().get(2).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(history.skippedLines()).isEqualTo(3);
        }
        // the torn line was ended first, so every record of the new task is a line of its own
        assertThat(fileLines()).filteredOn(l -> l.startsWith("{\"v\":1,\"id\":3,\"name\":\"three\"")).hasSize(3);
    }

    @Test
    void open_nothingReadable_movesTheFileAsideAndStartsEmpty() throws Exception {
        writeLines("this is not\n", "a job history\n");

        try (JobHistory history = JobHistory.open(file())) {
            assertThat(history.tasks()).isEmpty();
            Path aside = history.damagedFile().orElseThrow();
            assertThat(aside.getFileName().toString()).startsWith("history.jsonl.damaged-");
            assertThat(Files.readString(aside)).isEqualTo("this is not\na job history\n");
        }
        try (JobHistory history = JobHistory.open(file())) {
            assertThat(history.damagedFile()).isEmpty();
        }
    }

    @Test
    void open_manyMoreLinesThanRetainedJobs_compactsToTheLatestStateOfTheNewest() throws Exception {
        List<String> lines = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            lines.add(line(state(id, "t" + id, TaskStatus.PENDING, null, null)));
            lines.add(line(state(id, "t" + id, TaskStatus.RUNNING, T0, null)));
            lines.add(line(state(id, "t" + id, TaskStatus.COMPLETED, T0, T0.plusSeconds(id))));
        }
        writeLines(lines.toArray(String[]::new));

        try (JobHistory history = JobHistory.open(file(), 3)) {
            assertThat(history.tasks()).extracting(TaskInfo::id).containsExactly(3L, 4L, 5L);
        }

        List<String> after = fileLines();
        assertThat(after).hasSize(3);
        assertThat(after).allMatch(l -> l.contains("\"status\":\"COMPLETED\""));
        assertThat(after.get(2)).contains("\"finishedAt\":\"" + T0.plusSeconds(5) + "\"");
        assertThat(home.resolve("jobs")).isDirectoryNotContaining("glob:**.tmp-*");
    }

    @Test
    void write_pastThreeLinesPerRetainedJob_compactsWhileRunning() throws Exception {
        try (JobHistory history = JobHistory.open(file(), 2);
                ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            history.attach(s);
            Semaphore finished = finishes(s);
            s.start();
            for (int i = 1; i <= 8; i++) {
                s.addTask(TaskSpec.ofCallable("job " + i, () -> "ok").build());
            }
            awaitFinishes(finished, 8);
        }

        assertThat(fileLines().size()).isLessThanOrEqualTo(3 * 2);   // 24 lines without compaction
        try (JobHistory history = JobHistory.open(file(), 2)) {
            assertThat(history.tasks()).extracting(TaskInfo::name).containsExactly("job 7", "job 8");
            assertThat(history.tasks()).extracting(TaskInfo::status).containsOnly(TaskStatus.COMPLETED);
        }
    }

    @Test
    void rerun_afterReopen_withRecipe_runsTheFactoryJob_withoutRecipe_saysWhy() throws Exception {
        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().build()) {
            history.attach(s);
            Semaphore finished = finishes(s);
            s.start();
            s.addTask(TaskSpec.ofCallable("greet", () -> "hello Ada").recipe("greet", Map.of("who", "Ada")).build());
            s.addTask(TaskSpec.ofCallable("lambda only", () -> "x").build());
            awaitFinishes(finished, 2);
        }

        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder()
                        .recipe("greet", p -> ctx -> "hello again " + p.get("who")).build()) {
            history.attach(s);
            s.start();
            assertThat(s.getTasks()).extracting(TaskInfo::rerunnable).containsExactly(true, false);

            long again = s.rerun(1);
            TaskInfo done = s.completion(again).get(WAIT_S, TimeUnit.SECONDS);

            assertThat(again).isEqualTo(3);
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.resultSummary()).isEqualTo("hello again Ada");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> s.rerun(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("'lambda only' cannot be run again: its work is not known after a restart");
        }
    }

    @Test
    void attach_restoredScheduler_stillPublishesEventsForNewTasks() throws Exception {
        writeLines(line(state(1, "old", TaskStatus.COMPLETED, T0, T0)));
        List<JobEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().build()) {
            history.attach(s);
            s.subscribe(events::add);
            Semaphore finished = finishes(s);
            s.start();
            long id = s.addTask(TaskSpec.of("new", ctx -> {
                ctx.progress(1, 1);
                return "n";
            }).build());
            awaitFinishes(finished, 1);

            assertThat(id).isEqualTo(2);
            assertThat(events).extracting(JobEvent::taskId).containsOnly(2L);
            assertThat(events).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("Submitted", "Started", "Progressed", "Finished");
            assertThat(history.flush(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(fileLines()).hasSize(1 + 3);   // progress is not recorded
        }
    }

    @Test
    void reopen_afterManyConcurrentJobs_everyJobIsRecordedInItsFinalState() throws Exception {
        int n = 2_000;
        try (JobHistory history = JobHistory.open(file());
                ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(8).build()) {
            history.attach(s);
            Semaphore finished = finishes(s);
            s.start();
            for (int i = 0; i < n; i++) {
                int k = i;
                s.addTask(TaskSpec.ofCallable("job " + k, () -> {
                    if (k % 10 == 0) {
                        throw new IllegalArgumentException("bad " + k);
                    }
                    return k;
                }).build());
            }
            awaitFinishes(finished, n);
            assertThat(history.droppedRecords()).isZero();
        }

        try (JobHistory history = JobHistory.open(file())) {
            assertThat(history.tasks()).hasSize(n);
            assertThat(history.skippedLines()).isZero();
            assertThat(history.tasks()).filteredOn(t -> t.status() == TaskStatus.FAILED).hasSize(n / 10)
                    .allMatch(t -> t.error().equals("IllegalArgumentException: bad " + (t.id() - 1)));
            assertThat(history.tasks()).filteredOn(t -> t.status() == TaskStatus.COMPLETED).hasSize(n - n / 10)
                    .allMatch(t -> t.resultSummary().equals(String.valueOf(t.id() - 1)));
        }
    }

    @Test
    void restore_moreJobsThanRetained_keepsTheNewestInTheScheduler() throws Exception {
        List<String> lines = new ArrayList<>();
        for (long id = 1; id <= 4; id++) {
            lines.add(line(ended(id, "t" + id, TaskStatus.COMPLETED, null)));
        }
        writeLines(lines.toArray(String[]::new));

        try (JobHistory history = JobHistory.open(file(), 2);
                ParallelScheduler s = ParallelScheduler.builder().build()) {
            history.attach(s);
            assertThat(s.getTasks()).extracting(TaskInfo::id).containsExactly(3L, 4L);
            assertThat(s.addTask(TaskSpec.ofCallable("next", () -> 1).build())).isEqualTo(5);
        }
    }
}
