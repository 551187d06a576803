package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelSchedulerStressTest {
    private static final int PRODUCERS = 8;
    private static final int TASKS_EACH = 250;
    private static final int TOTAL = PRODUCERS * TASKS_EACH;

    @Test
    void manyProducers_submitAndCancel_everyTaskEndsInExactlyOneFinalState() throws Exception {
        Map<Long, AtomicInteger> finishedEvents = new ConcurrentHashMap<>();
        Map<Long, TaskStatus> finishedStatus = new ConcurrentHashMap<>();
        CountDownLatch allFinished = new CountDownLatch(TOTAL);
        List<Long> ids = new CopyOnWriteArrayList<>();
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(4).agingStep(Duration.ofMillis(5)).build()) {
            s.subscribe(e -> {
                if (e instanceof JobEvent.Finished f) {
                    finishedEvents.computeIfAbsent(f.taskId(), k -> new AtomicInteger()).incrementAndGet();
                    finishedStatus.put(f.taskId(), f.task().status());
                    allFinished.countDown();
                }
            });
            s.start();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                Random rnd = new Random(p);
                producers.add(Thread.ofPlatform().start(() -> produce(s, rnd, ids, go)));
            }
            go.countDown();
            for (int i = 0; i < 20; i++) { // steer the queue while the producers work
                s.pause();
                s.setMaxConcurrent(1 + i % 6);
                s.resume();
            }
            for (Thread t : producers) {
                t.join(TimeUnit.SECONDS.toMillis(15));
            }

            assertThat(allFinished.await(15, TimeUnit.SECONDS)).as("all tasks finished").isTrue();
            List<TaskInfo> infos = s.getTasks();
            assertThat(infos).hasSize(TOTAL);
            for (TaskInfo t : infos) {
                assertThat(t.status().isFinal()).as("task %d final", t.id()).isTrue();
                assertThat(finishedEvents.get(t.id())).as("Finished events of %d", t.id()).hasValue(1);
                assertThat(finishedStatus.get(t.id())).isEqualTo(t.status());
                assertThat(s.completion(t.id()).get(10, TimeUnit.SECONDS)).isEqualTo(t);
                assertThat(t.attempts()).isLessThanOrEqualTo(2);
                if (t.status() == TaskStatus.COMPLETED) {
                    assertThat(t.error()).isNull();
                } else {
                    assertThat(t.error()).isNotBlank();
                }
            }
            SchedulerStats stats = s.stats();
            assertThat(stats.finished()).isEqualTo(TOTAL);
            assertThat(stats.completed() + stats.failed() + stats.cancelled()).isEqualTo(stats.total());
            assertThat(stats.cancelled()).isPositive();
            assertThat(stats.failed()).isPositive();
            assertThat(stats.completed()).isPositive();
        }
    }

    private static void produce(ParallelScheduler s, Random rnd, List<Long> ids, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        for (int i = 0; i < TASKS_EACH; i++) {
            int kind = rnd.nextInt(10);
            TaskSpec.Builder<Integer> b = TaskSpec.of("t", ctx -> {
                if (kind == 0) {
                    throw new IllegalStateException("boom");
                }
                if (kind == 1) {
                    Thread.sleep(1);
                }
                ctx.progress(1, 1);
                return kind;
            }).priority(TaskPriority.values()[rnd.nextInt(5)]);
            if (kind == 2) {
                b.retry(RetryPolicy.of(2, Duration.ZERO));
            }
            if (!ids.isEmpty() && rnd.nextInt(3) == 0) {
                b.dependsOn(ids.get(rnd.nextInt(ids.size()))).runAnyway(rnd.nextInt(4) == 0);
            }
            long id = s.addTask(b.build());
            ids.add(id);
            if (rnd.nextInt(5) == 0) {
                s.cancelTask(ids.get(rnd.nextInt(ids.size())));
            }
        }
    }
}
