package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.common.OffThread;
import dev.whitemagic.engine.scheduler.JobEvent;
import dev.whitemagic.engine.scheduler.ParallelScheduler;
import dev.whitemagic.engine.scheduler.SchedulerStats;
import dev.whitemagic.engine.scheduler.TaskInfo;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskSpec;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The Scheduler pane's models without the toolkit: batching, filtering, resync, actions. */
class SchedulerPaneViewModelTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final String[] KINDS = {"sleep", "read", "grep", "pipeline"};

    private ParallelScheduler scheduler;

    @AfterEach
    void close() {
        if (scheduler != null) {
            scheduler.close();
        }
    }

    static TaskInfo info(long id, TaskStatus status) {
        TaskPriority p = TaskPriority.values()[(int) (id % TaskPriority.values().length)];
        Instant started = status == TaskStatus.PENDING ? null : T0.plusMillis(id + 5);
        Instant finished = status.isFinal() ? T0.plusMillis(id + 50) : null;
        return new TaskInfo(id, "job " + id, KINDS[(int) (id % KINDS.length)], p, status, T0.plusMillis(id), started,
                finished, List.of(), status == TaskStatus.COMPLETED ? "ok" : null,
                status == TaskStatus.FAILED ? "IOException: boom " + id : null, status == TaskStatus.PENDING ? 0 : 1,
                0, 0);
    }

    @Test
    void drain_100kJobsInBatches_filtersCountRight_withOneListChangePerBatch() {
        JobTableModel model = new JobTableModel();
        int n = 100_000;
        for (long id = 1; id <= n; id++) {
            model.offer(new JobEvent.Submitted(info(id, TaskStatus.PENDING)));
        }
        int[] changes = {0};
        model.visible().addListener((ListChangeListener<JobRow>) c -> changes[0]++);
        int batches = 0;
        while (model.hasQueued()) {
            assertThat(model.drain()).isLessThanOrEqualTo(JobTableModel.DRAIN_LIMIT);
            batches++;
        }
        assertThat(batches).isGreaterThanOrEqualTo(n / JobTableModel.DRAIN_LIMIT);
        assertThat(changes[0]).as("one list change per batch, not per job").isEqualTo(batches);
        assertThat(model.size()).isEqualTo(n);
        assertThat(model.visible()).hasSize(n);
        assertThat(model.count(TaskStatus.PENDING)).isEqualTo(n);

        // Every third job runs, then half of those complete and a few fail.
        for (long id = 3; id <= n; id += 3) {
            model.offer(new JobEvent.Started(info(id, TaskStatus.RUNNING)));
            model.offer(new JobEvent.Progressed(id, 1, 4));
        }
        while (model.hasQueued()) {
            model.drain();
        }
        assertThat(model.row(3).progressProperty().get()).isEqualTo(0.25);
        model.stateFilterProperty().set(TaskStatus.RUNNING);
        assertThat(model.visible()).hasSize(n / 3);

        // While filtered, updates move rows in and out of the visible list, batch by batch.
        changes[0] = 0;
        long completed = 0;
        long failed = 0;
        for (long id = 6; id <= n; id += 6) {
            boolean fail = id % 60 == 0;
            model.offer(new JobEvent.Finished(info(id, fail ? TaskStatus.FAILED : TaskStatus.COMPLETED)));
            if (fail) {
                failed++;
            } else {
                completed++;
            }
        }
        int finishBatches = 0;
        while (model.hasQueued()) {
            model.drain();
            finishBatches++;
        }
        assertThat(changes[0]).as("at most one removal per batch").isLessThanOrEqualTo(finishBatches);
        assertThat(model.visible()).hasSize((int) (n / 3 - completed - failed));
        assertThat(model.visible()).allMatch(r -> r.status() == TaskStatus.RUNNING);
        assertThat(model.count(TaskStatus.COMPLETED)).isEqualTo(completed);
        assertThat(model.count(TaskStatus.FAILED)).isEqualTo(failed);
        assertThat(model.finishedSeen()).isEqualTo(completed + failed);

        model.stateFilterProperty().set(TaskStatus.FAILED);
        assertThat(model.visible()).hasSize((int) failed);
        model.kindFilterProperty().set("sleep"); // ids divisible by 4: 60k multiples are all "sleep"
        assertThat(model.visible()).hasSize((int) failed);
        model.stateFilterProperty().set(null);
        assertThat(model.visible()).hasSize(n / KINDS.length);
        model.kindFilterProperty().set(null);
        model.textFilterProperty().set("BOOM 600");
        long expected = java.util.stream.LongStream.rangeClosed(1, n).filter(id -> id % 60 == 0)
                .filter(id -> String.valueOf(id).startsWith("600")).count();
        assertThat(model.visible()).hasSize((int) expected).allMatch(r -> r.info().error().contains("boom 600"));
        model.textFilterProperty().set("#42");
        assertThat(model.visible()).extracting(JobRow::id).containsExactly(42L);
        assertThat(model.kinds()).containsExactly("grep", "pipeline", "read", "sleep");
    }

    @Test
    void snapshot_fillsIn_butEventsSinceWin_andClearedRowsGo() {
        JobTableModel model = new JobTableModel();
        model.offer(new JobEvent.Submitted(info(1, TaskStatus.PENDING)));
        model.offer(new JobEvent.Submitted(info(2, TaskStatus.PENDING)));
        model.drain();
        model.beginSync();
        model.offer(new JobEvent.Finished(info(1, TaskStatus.COMPLETED)));
        model.drain();
        // The snapshot was read before job 1 finished; job 2 was cleared; job 3 is new to the pane.
        model.applySnapshot(List.of(info(1, TaskStatus.RUNNING), info(3, TaskStatus.FAILED)));
        assertThat(model.row(1).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(model.row(2)).isNull();
        assertThat(model.row(3).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(model.visible()).extracting(JobRow::id).containsExactly(1L, 3L);
        assertThat(model.finishedSeen()).as("a snapshot's ended jobs are not throughput").isEqualTo(1);
        assertThat(model.row(1).timeline()).extracting(JobRow.Observed::what)
                .containsExactly("submitted at high", "completed");
    }

    @Test
    void progressForAnUnknownJob_isIgnored() {
        JobTableModel model = new JobTableModel();
        model.offer(new JobEvent.Progressed(99, 1, 2));
        assertThat(model.drain()).isEqualTo(1);
        assertThat(model.size()).isZero();
    }

    @Test
    void actions_cancel_priority_rerun_clear_onARealScheduler() {
        scheduler = ParallelScheduler.builder().maxConcurrent(1).build(); // not started: jobs stay pending
        SchedulerViewModel vm = new SchedulerViewModel(scheduler, null, OffThread.INLINE);
        vm.connect();
        for (int i = 0; i < 5; i++) {
            scheduler.addTask(TaskSpec.of("t" + i, ctx -> "done").kind("sleep").build());
        }
        vm.drain();
        JobTableModel jobs = vm.jobs();
        assertThat(jobs.size()).isEqualTo(5);

        vm.cancel(List.of(jobs.row(2)));
        vm.drain();
        assertThat(jobs.row(2).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(vm.messageProperty().get()).isEqualTo("Cancelled 1 job.");

        vm.changePriority(List.of(jobs.row(3), jobs.row(2)), TaskPriority.HIGH);
        assertThat(jobs.row(3).info().priority()).isEqualTo(TaskPriority.HIGH);
        assertThat(jobs.row(3).timeline().getLast().what()).isEqualTo("priority changed to high");

        vm.rerun(List.of(jobs.row(2)));
        vm.drain();
        assertThat(jobs.size()).isEqualTo(6);
        assertThat(jobs.row(6).info().name()).isEqualTo("t1");

        vm.rerun(List.of(jobs.row(1)));
        assertThat(vm.messageProperty().get()).isEqualTo("Only ended jobs can run again.");

        vm.clearFinished();
        assertThat(jobs.row(2)).isNull();
        assertThat(jobs.size()).isEqualTo(5);
        assertThat(vm.messageProperty().get()).isEqualTo("Cleared 1 ended job.");

        vm.togglePause();
        assertThat(scheduler.isPaused()).isTrue();
        vm.setManualLimit(3);
        assertThat(scheduler.maxConcurrent()).isEqualTo(3);
        assertThat(vm.limitProperty().get()).isEqualTo(3);
        vm.sample();
        assertThat(vm.history()).hasSize(1);
        assertThat(vm.totalsProperty().get()).startsWith("5 pending · 0 running · 0 completed");
        vm.disconnect();
    }

    @Test
    void reconnect_afterAGap_staleEventsDoNotUndoTheSnapshot() {
        scheduler = ParallelScheduler.builder().build(); // not started: jobs stay pending
        SchedulerViewModel vm = new SchedulerViewModel(scheduler, null, OffThread.INLINE);
        vm.connect();
        long id = scheduler.addTask(TaskSpec.of("waits", ctx -> "done").build());
        vm.disconnect(); // hidden before the Submitted event was drained
        scheduler.cancelTask(id);
        vm.connect();
        vm.drain();
        assertThat(vm.jobs().row(id).status()).isEqualTo(TaskStatus.CANCELLED);
        vm.disconnect();
    }

    @Test
    void loadGenerator_readsBurnsAndSleeps_andStopsWhenCancelled() throws Exception {
        scheduler = ParallelScheduler.builder().maxConcurrent(4).build();
        scheduler.start();
        LoadGenerator.submit(scheduler, new LoadGenerator.Spec(LoadGenerator.Work.FILE_READ, 3, 0, TaskPriority.LOW, null));
        LoadGenerator.submit(scheduler, new LoadGenerator.Spec(LoadGenerator.Work.CPU, 2, 20, TaskPriority.HIGH, null));
        LoadGenerator.submit(scheduler, new LoadGenerator.Spec(LoadGenerator.Work.SLEEP, 1, 60_000, TaskPriority.BULK, null));
        List<TaskInfo> tasks = scheduler.getTasks();
        assertThat(tasks).extracting(TaskInfo::kind)
                .containsExactly("file-read", "file-read", "file-read", "cpu-burn", "cpu-burn", "sleep");
        long sleeper = tasks.getLast().id();
        for (TaskInfo t : tasks.subList(0, 5)) {
            TaskInfo done = scheduler.completion(t.id()).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(done.status()).as(done.name() + ": " + done.error()).isEqualTo(TaskStatus.COMPLETED);
        }
        assertThat(scheduler.getTask(1).orElseThrow().resultSummary()).startsWith("read ");
        assertThat(scheduler.getTask(4).orElseThrow().resultSummary()).startsWith("burned 20 ms");
        scheduler.cancelTask(sleeper);
        assertThat(scheduler.completion(sleeper).get(5, java.util.concurrent.TimeUnit.SECONDS).status())
                .isEqualTo(TaskStatus.CANCELLED);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoadGenerator.submit(scheduler,
                new LoadGenerator.Spec(LoadGenerator.Work.FILE_READ, 1, 0, TaskPriority.LOW, java.nio.file.Path.of("/no/such/folder"))))
                .isInstanceOf(java.io.IOException.class).hasMessage("not a folder: /no/such/folder");
    }

    @Test
    void describe_readsLikeASentence() {
        SchedulerStats s = new SchedulerStats(10, 2, 1, 5, 1, 1, Duration.ofMillis(40), Duration.ofSeconds(7),
                Duration.ofMillis(12), Duration.ofMillis(1200), Duration.ofMillis(200), Duration.ofMillis(950));
        assertThat(SchedulerViewModel.describe(s, 2.5)).isEqualTo("2 pending · 1 running · 5 completed · 1 failed · "
                + "1 cancelled · 71 % ok · 1.0 jobs/s (now 2.5) · wait p50 12 ms, p99 1.2 s · run p50 200 ms, p99 950 ms");
        assertThat(SchedulerViewModel.describe(SchedulerStats.empty(), 0)).isEqualTo("No jobs yet.");
        assertThat(SchedulerFormat.stateStyle(TaskStatus.CANCELLED)).isEqualTo("state-cancelled");
        assertThat(SchedulerFormat.origin("grep")).hasValue(dev.whitemagic.app.ui.WorkbenchPane.FILES);
        assertThat(SchedulerFormat.origin("sleep")).isEmpty();
        assertThat(SchedulerFormat.duration(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
    }
}
