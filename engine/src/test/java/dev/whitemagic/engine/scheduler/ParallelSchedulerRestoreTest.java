package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Restoring ended tasks, running them again from recipes, and keeping a bounded number of ended tasks. */
class ParallelSchedulerRestoreTest {
    private static final long WAIT_S = 10;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static TaskInfo ended(long id, String name, TaskStatus status, JobRecipe recipe) {
        return new TaskInfo(id, name, "demo", TaskPriority.HIGH, status, T0.plusSeconds(id), T0.plusSeconds(id + 1),
                T0.plusSeconds(id + 2), List.of(), status == TaskStatus.COMPLETED ? "ok " + id : null,
                status == TaskStatus.FAILED ? "boom " + id : null, 1, 0, 0, recipe, true);
    }

    private static TaskInfo await(ParallelScheduler s, long id) throws Exception {
        return s.completion(id).get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void restore_endedTasks_listedAsRecordedWithoutEvents_andIdsContinue() throws Exception {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.subscribe(events::add);
            s.restore(List.of(ended(7, "b", TaskStatus.FAILED, null), ended(3, "a", TaskStatus.COMPLETED, null)));
            s.start();

            assertThat(s.getTasks()).extracting(TaskInfo::id).containsExactly(3L, 7L);
            TaskInfo b = s.getTask(7).orElseThrow();
            assertThat(b.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(b.error()).isEqualTo("boom 7");
            assertThat(b.createdAt()).isEqualTo(T0.plusSeconds(7));
            assertThat(b.finishedAt()).isEqualTo(T0.plusSeconds(9));
            assertThat(b.priority()).isEqualTo(TaskPriority.HIGH);
            assertThat(s.completion(3).getNow(null)).isNotNull();
            assertThat(events).isEmpty();

            long next = s.addTask(TaskSpec.ofCallable("new", () -> 1).build());
            assertThat(next).isEqualTo(8);
            await(s, next);
            assertThat(events).extracting(JobEvent::taskId).containsOnly(8L);
            assertThat(events).hasAtLeastOneElementOfType(JobEvent.Finished.class);
        }
    }

    @Test
    void restore_afterTasksWereAdded_orWithAPendingTask_isRefused() {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            assertThatThrownBy(() -> s.restore(List.of(ended(1, "a", TaskStatus.RUNNING, null))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has not ended");
            assertThatThrownBy(() -> s.restore(List.of(ended(1, "a", TaskStatus.FAILED, null),
                    ended(1, "b", TaskStatus.FAILED, null)))).isInstanceOf(IllegalArgumentException.class);
            assertThat(s.getTasks()).isEmpty();
            s.addTask(TaskSpec.ofCallable("x", () -> 1).build());
            assertThatThrownBy(() -> s.restore(List.of(ended(5, "a", TaskStatus.FAILED, null))))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void rerun_restoredTaskWithRecipe_runsTheJobTheFactoryMakes() throws Exception {
        JobRecipe recipe = new JobRecipe("double", Map.of("n", "21"));
        try (ParallelScheduler s = ParallelScheduler.builder()
                .recipe("double", p -> ctx -> Integer.parseInt(p.get("n")) * 2).build()) {
            s.restore(List.of(ended(4, "doubler", TaskStatus.FAILED, recipe)));
            s.start();
            assertThat(s.getTask(4).orElseThrow().rerunnable()).isTrue();

            long again = s.rerun(4);
            TaskInfo done = await(s, again);

            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.resultSummary()).isEqualTo("42");
            assertThat(s.getResults()).containsEntry(again, 42);
            assertThat(done.name()).isEqualTo("doubler");
            assertThat(done.recipe()).isEqualTo(recipe);
            assertThat(done.rerunnable()).isTrue();
        }
    }

    @Test
    void rerun_restoredTaskWithoutRecipe_throwsThatItsWorkIsNotKnown() {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.restore(List.of(ended(1, "lost", TaskStatus.COMPLETED, null),
                    ended(2, "unregistered", TaskStatus.COMPLETED, new JobRecipe("gone", Map.of()))));

            assertThat(s.getTasks()).extracting(TaskInfo::rerunnable).containsExactly(false, false);
            assertThatThrownBy(() -> s.rerun(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("'lost' cannot be run again: its work is not known after a restart");
            assertThatThrownBy(() -> s.rerun(2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("'unregistered' cannot be run again: its work is not known after a restart")
                    .hasMessageContaining("'gone'");
            assertThat(s.getTasks()).hasSize(2);
        }
    }

    @Test
    void registerRecipe_afterRestore_makesTheTaskRerunnable() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.restore(List.of(ended(1, "late", TaskStatus.COMPLETED, new JobRecipe("late", Map.of("v", "x")))));
            s.start();
            assertThat(s.getTask(1).orElseThrow().rerunnable()).isFalse();

            s.registerRecipe("late", p -> ctx -> p.get("v"));

            assertThat(s.getTask(1).orElseThrow().rerunnable()).isTrue();
            assertThat(await(s, s.rerun(1)).resultSummary()).isEqualTo("x");
        }
    }

    @Test
    void retainFinished_evictsTheTasksThatEndedFirst_andKeepsUnendedOnes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(2).retainFinished(2).build()) {
            s.start();
            long blocker = s.addTask(TaskSpec.of("blocker", ctx -> {
                started.countDown();
                release.await();
                return "released";
            }).build());
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            List<Long> quick = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long id = s.addTask(TaskSpec.ofCallable("quick " + i, () -> "q").build());
                quick.add(id);
                await(s, id);   // one slot is taken by the blocker: they end in this order
            }

            assertThat(s.getTasks()).extracting(TaskInfo::id).containsExactly(blocker, quick.get(2), quick.get(3));
            assertThat(s.getTask(quick.get(0))).isEmpty();
            assertThatThrownBy(() -> s.addTask(TaskSpec.ofCallable("late", () -> 1).dependsOn(quick.get(0)).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown dependency " + quick.get(0));

            long dependent = s.addTask(TaskSpec.ofCallable("after blocker", () -> "d").dependsOn(blocker).build());
            release.countDown();
            assertThat(await(s, dependent).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(s.getTasks()).extracting(TaskInfo::id).containsExactly(blocker, dependent);
        }
    }

    @Test
    void retainFinished_restoringMoreThanTheLimit_keepsTheNewest() {
        try (ParallelScheduler s = ParallelScheduler.builder().retainFinished(3).build()) {
            List<TaskInfo> history = new ArrayList<>();
            for (long id = 1; id <= 5; id++) {
                history.add(ended(id, "t" + id, TaskStatus.COMPLETED, null));
            }
            s.restore(history);

            assertThat(s.getTasks()).extracting(TaskInfo::id).containsExactly(3L, 4L, 5L);
            assertThat(s.addTask(TaskSpec.ofCallable("next", () -> 1).build())).isEqualTo(6);
        }
    }

    @Test
    void retainFinished_belowOne_isRefused() {
        assertThatThrownBy(() -> ParallelScheduler.builder().retainFinished(0)).hasMessageContaining("0");
    }
}
