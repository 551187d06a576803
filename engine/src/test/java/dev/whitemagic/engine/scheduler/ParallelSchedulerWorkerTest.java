package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Workers run one task after another and idle between bursts; these pin what that must not change. */
class ParallelSchedulerWorkerTest {
    private static final long WAIT_S = 10;

    private static TaskInfo await(ParallelScheduler s, long id) throws Exception {
        return s.completion(id).get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void oneWorker_queuedTasks_runInPriorityThenFifoOrderOnOneThread() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            s.pause();
            s.start();
            String[] names = {"bulk1", "normal1", "critical1", "normal2", "high1", "bulk2"};
            TaskPriority[] priorities = {TaskPriority.BULK, TaskPriority.NORMAL, TaskPriority.CRITICAL,
                TaskPriority.NORMAL, TaskPriority.HIGH, TaskPriority.BULK};
            long last = 0;
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                last = s.addTask(TaskSpec.of(name, ctx -> {
                    order.add(name);
                    threads.add(Thread.currentThread());
                    return null;
                }).priority(priorities[i]).build());
            }
            s.resume();
            for (long id = 1; id <= last; id++) {
                assertThat(await(s, id).status()).isEqualTo(TaskStatus.COMPLETED);
            }
        }
        assertThat(order).containsExactly("critical1", "high1", "normal1", "normal2", "bulk1", "bulk2");
        assertThat(threads.stream().distinct().count()).as("one worker ran them one after another").isEqualTo(1);
    }

    @Test
    void cancelTask_running_interruptDoesNotReachTheNextTaskOnTheSameWorker() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
        AtomicBoolean nextSawCancelled = new AtomicBoolean(true);
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            s.start();
            long blocker = s.addTask(TaskSpec.of("blocker", ctx -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a job that restores the flag and returns
                }
                return "stopped";
            }).build());
            long next = s.addTask(TaskSpec.of("next", ctx -> {
                nextSawInterrupt.set(Thread.currentThread().isInterrupted());
                nextSawCancelled.set(ctx.isCancelled());
                return "ran";
            }).build());
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

            assertThat(s.cancelTask(blocker)).isTrue();

            assertThat(await(s, blocker).status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(await(s, next).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(nextSawInterrupt).isFalse();
            assertThat(nextSawCancelled).isFalse();
        }
    }

    @Test
    void timeout_onReusedWorker_onlyTheSlowAttemptIsInterrupted() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            s.start();
            long slow = s.addTask(TaskSpec.of("slow", ctx -> {
                new CountDownLatch(1).await();
                return null;
            }).timeout(java.time.Duration.ofMillis(50)).build());
            long quick = s.addTask(TaskSpec.of("quick", ctx -> Thread.currentThread().isInterrupted()).build());

            TaskInfo timedOut = await(s, slow);
            TaskInfo after = await(s, quick);

            assertThat(timedOut.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(timedOut.error()).startsWith("timed out");
            assertThat(after.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(after.resultSummary()).isEqualTo("false");
        }
    }

    @Test
    void idleWorkers_limitLowered_newBurstRespectsTheNewLimit() throws Exception {
        AtomicInteger runningNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(4).build()) {
            s.start();
            CountDownLatch allStarted = new CountDownLatch(4);
            CountDownLatch release = new CountDownLatch(1);
            List<Long> first = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                first.add(s.addTask(TaskSpec.of("wide" + i, ctx -> {
                    allStarted.countDown();
                    release.await();
                    return null;
                }).build()));
            }
            assertThat(allStarted.await(WAIT_S, TimeUnit.SECONDS)).as("four at once under limit 4").isTrue();
            release.countDown();
            for (long id : first) {
                await(s, id); // four workers now idle
            }

            s.setMaxConcurrent(1);
            List<Long> second = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                second.add(s.addTask(TaskSpec.of("narrow" + i, ctx -> {
                    mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    runningNow.decrementAndGet();
                    return null;
                }).build()));
            }
            for (long id : second) {
                assertThat(await(s, id).status()).isEqualTo(TaskStatus.COMPLETED);
            }
        }
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void cancelTask_pendingWhileWorkersIdle_neverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(2).build()) {
            s.start();
            await(s, s.addTask("warm", () -> "x", TaskPriority.NORMAL)); // leaves a worker idle
            s.pause();
            long id = s.addTask("never", () -> {
                ran.set(true);
                return null;
            }, TaskPriority.HIGH);
            assertThat(s.cancelTask(id)).isTrue();
            s.resume();
            long after = s.addTask("after", () -> "y", TaskPriority.LOW);

            assertThat(await(s, after).status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(await(s, id).status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(ran).isFalse();
        }
    }

    @Test
    void completion_askedAfterTheTaskEnded_hasTheFinalSnapshot() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            s.start();
            CountDownLatch ran = new CountDownLatch(1);
            long id = s.addTask("done", () -> {
                ran.countDown();
                return 42;
            }, TaskPriority.NORMAL);
            assertThat(ran.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            TaskInfo info;
            do {
                info = s.getTask(id).orElseThrow();
            } while (!info.status().isFinal());

            assertThat(await(s, id)).isEqualTo(info);
            assertThat(info.resultSummary()).isEqualTo("42");
        }
    }
}
