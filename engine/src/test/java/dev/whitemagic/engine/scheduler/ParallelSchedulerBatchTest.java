package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ParallelSchedulerBatchTest {

    private static ParallelScheduler single() {
        return ParallelScheduler.builder().maxConcurrent(1).build();
    }

    @Test
    void run_maxConcurrentOne_priorityOrderThenFifo() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelScheduler s = single()) {
            String[][] plan = {{"bulk1", "BULK"}, {"n1", "NORMAL"}, {"c1", "CRITICAL"}, {"n2", "NORMAL"},
                    {"bulk2", "BULK"}, {"h1", "HIGH"}, {"c2", "CRITICAL"}, {"l1", "LOW"}, {"n3", "NORMAL"}};
            for (String[] p : plan) {
                s.addTask(p[0], () -> order.add(p[0]), TaskPriority.valueOf(p[1]));
            }

            SchedulerStats stats = s.run();

            assertThat(order).containsExactly("c1", "c2", "h1", "n1", "n2", "n3", "l1", "bulk1", "bulk2");
            assertThat(stats.completed()).isEqualTo(9);
            assertThat(stats.successRate()).isEqualTo(1.0);
        }
    }

    @Test
    void run_dependencyChain_runsInDependencyOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(4).build()) {
            long a = s.addTask("a", () -> order.add("a"), TaskPriority.BULK);
            long b = s.addTask("b", () -> order.add("b"), TaskPriority.LOW, a);
            s.addTask("c", () -> order.add("c"), TaskPriority.CRITICAL, b);

            s.run();

            assertThat(order).containsExactly("a", "b", "c");
        }
    }

    @Test
    void run_failedDependency_cancelsDependentsWithReason() throws Exception {
        try (ParallelScheduler s = single()) {
            long a = s.addTask("a", () -> {
                throw new IllegalStateException("disk full");
            }, TaskPriority.NORMAL);
            long b = s.addTask("b", () -> "b", TaskPriority.NORMAL, a);
            long c = s.addTask("c", () -> "c", TaskPriority.NORMAL, b);
            long d = s.addTask("d", () -> "d", TaskPriority.NORMAL);

            SchedulerStats stats = s.run();

            assertThat(s.getTask(a).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
            assertThat(s.getTask(a).orElseThrow().error()).isEqualTo("IllegalStateException: disk full");
            TaskInfo bi = s.getTask(b).orElseThrow();
            assertThat(bi.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(bi.error()).isEqualTo("dependency " + a + " 'a' failed");
            assertThat(bi.attempts()).isZero();
            assertThat(s.getTask(c).orElseThrow().error()).isEqualTo("dependency " + b + " 'b' cancelled");
            assertThat(s.getTask(d).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(stats.failed()).isEqualTo(1);
            assertThat(stats.cancelled()).isEqualTo(2);
            assertThat(stats.completed()).isEqualTo(1);
        }
    }

    @Test
    void run_cancelledDependency_cancelsDependents() throws Exception {
        try (ParallelScheduler s = single()) {
            long a = s.addTask("a", () -> "a", TaskPriority.NORMAL);
            long b = s.addTask("b", () -> "b", TaskPriority.NORMAL, a);

            assertThat(s.cancelTask(a)).isTrue();
            assertThat(s.cancelTask(a)).isFalse();
            s.run();

            assertThat(s.getTask(a).orElseThrow().error()).isEqualTo("cancelled by request");
            assertThat(s.getTask(b).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(s.getTask(b).orElseThrow().error()).isEqualTo("dependency " + a + " 'a' cancelled");
        }
    }

    @Test
    void run_runAnyway_runsAfterFailedDependency() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (ParallelScheduler s = single()) {
            long a = s.addTask("a", () -> {
                throw new RuntimeException("x");
            }, TaskPriority.NORMAL);
            long b = s.addTask(TaskSpec.ofCallable("cleanup", () -> ran.getAndSet(true)).dependsOn(a).runAnyway(true).build());

            s.run();

            assertThat(ran).isTrue();
            assertThat(s.getTask(b).orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void addTask_dependencyAlreadyFailed_cancelledAtOnce() throws Exception {
        try (ParallelScheduler s = single()) {
            long a = s.addTask("a", () -> {
                throw new RuntimeException("x");
            }, TaskPriority.NORMAL);
            s.run();

            long b = s.addTask("b", () -> "b", TaskPriority.NORMAL, a);

            assertThat(s.getTask(b).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        }
    }

    @Test
    void addTask_unknownDependency_rejected() {
        try (ParallelScheduler s = single()) {
            assertThatThrownBy(() -> s.addTask("b", () -> "b", TaskPriority.NORMAL, 99))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown dependency 99");
        }
    }

    @Test
    void run_fakeClock_avgExecutionTimeOverCompletedOnly() throws Exception {
        FakeClock clock = new FakeClock();
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).clock(clock).build()) {
            s.addTask("fast", () -> {
                clock.advance(Duration.ofMillis(10));
                return 1;
            }, TaskPriority.NORMAL);
            s.addTask("slow failure", () -> {
                clock.advance(Duration.ofSeconds(5));
                throw new RuntimeException("late");
            }, TaskPriority.NORMAL);
            s.addTask("medium", () -> {
                clock.advance(Duration.ofMillis(30));
                return 2;
            }, TaskPriority.NORMAL);

            SchedulerStats stats = s.run();

            assertThat(stats.avgExecutionTime()).isEqualTo(Duration.ofMillis(20));
            assertThat(stats.runTimeP99()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void getResults_mixedOutcomes_completedOnlyWithCreatedAt() throws Exception {
        try (ParallelScheduler s = single()) {
            long a = s.addTask("a", () -> 42, TaskPriority.NORMAL);
            s.addTask("b", () -> {
                throw new RuntimeException("no");
            }, TaskPriority.NORMAL);
            s.run();

            assertThat(s.getResults()).containsOnlyKeys(a).containsEntry(a, 42);
            TaskInfo ai = s.getTask(a).orElseThrow();
            assertThat(ai.createdAt()).isNotNull();
            assertThat(ai.resultSummary()).isEqualTo("42");
            assertThat(ai.queueWait()).isPresent();
        }
    }

    @Test
    void clear_afterRun_removesFinishedTasks() throws Exception {
        try (ParallelScheduler s = single()) {
            s.addTask("a", () -> 1, TaskPriority.NORMAL);
            s.run();
            s.pause();
            long pending = s.addTask("b", () -> 2, TaskPriority.NORMAL);

            assertThat(s.clear()).isEqualTo(1);
            assertThat(s.getTasks()).extracting(TaskInfo::id).containsExactly(pending);
        }
    }

    @Test
    void addTask_afterClose_rejected() {
        ParallelScheduler s = single();
        long a = s.addTask("a", () -> 1, TaskPriority.NORMAL);
        s.close();

        assertThat(s.getTask(a).orElseThrow().error()).isEqualTo("scheduler closed");
        assertThatThrownBy(() -> s.addTask("b", () -> 1, TaskPriority.NORMAL)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void changePriority_pendingTask_movesToBackOfNewPriority() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelScheduler s = single()) {
            s.addTask("h1", () -> order.add("h1"), TaskPriority.HIGH);
            long bulk = s.addTask("bulk", () -> order.add("bulk"), TaskPriority.BULK);
            s.addTask("h2", () -> order.add("h2"), TaskPriority.HIGH);
            s.addTask("n1", () -> order.add("n1"), TaskPriority.NORMAL);

            assertThat(s.changePriority(bulk, TaskPriority.HIGH)).isTrue();
            s.run();

            assertThat(order).containsExactly("h1", "h2", "bulk", "n1");
            assertThat(s.getTask(bulk).orElseThrow().priority()).isEqualTo(TaskPriority.HIGH);
            assertThat(s.changePriority(bulk, TaskPriority.LOW)).as("finished task").isFalse();
        }
    }

    @Test
    void changePriority_waitingOnDependency_appliesWhenReady() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelScheduler s = single()) {
            long a = s.addTask("a", () -> order.add("a"), TaskPriority.CRITICAL);
            long b = s.addTask("b", () -> order.add("b"), TaskPriority.BULK, a);
            s.addTask("n", () -> order.add("n"), TaskPriority.NORMAL);

            s.changePriority(b, TaskPriority.CRITICAL);
            s.run();

            assertThat(order).containsExactly("a", "b", "n");
        }
    }
}
