package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.SystemLoad;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelSchedulerLongLivedTest {
    private static final long WAIT_S = 10;

    private static TaskInfo await(ParallelScheduler s, long id) throws Exception {
        return s.completion(id).get(WAIT_S, TimeUnit.SECONDS);
    }

    /** A job that blocks until released (or interrupted). */
    private static Job<String> blocking(CountDownLatch started, CountDownLatch release) {
        return ctx -> {
            started.countDown();
            release.await();
            return "released";
        };
    }

    @Test
    void runningAndPendingCounts_followTheQueue() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            s.start();
            s.pause();
            long blocker = s.addTask(TaskSpec.of("blocker", blocking(started, release)).build());
            long second = s.addTask("second", () -> "x", TaskPriority.NORMAL);
            long third = s.addTask("third", () -> "y", TaskPriority.NORMAL);
            assertThat(s.pendingCount()).isEqualTo(3);
            assertThat(s.runningCount()).isZero();

            s.resume();
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(s.runningCount()).isEqualTo(1);
            assertThat(s.pendingCount()).isEqualTo(2);
            s.cancelTask(third);
            assertThat(s.pendingCount()).isEqualTo(1);

            release.countDown();
            await(s, blocker);
            await(s, second);
            assertThat(s.runningCount()).isZero();
            assertThat(s.pendingCount()).isZero();
        }
    }

    @Test
    void rerun_failedTask_runsTheSameJobAgainAsANewTask() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(2).build()) {
            s.start();
            long first = s.addTask(TaskSpec.of("flaky", ctx -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first time fails");
                }
                return "ok";
            }).kind("demo").priority(TaskPriority.HIGH).build());
            assertThat(await(s, first).status()).isEqualTo(TaskStatus.FAILED);

            long second = s.rerun(first);
            TaskInfo again = await(s, second);

            assertThat(second).isNotEqualTo(first);
            assertThat(again.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(again.name()).isEqualTo("flaky");
            assertThat(again.kind()).isEqualTo("demo");
            assertThat(again.priority()).isEqualTo(TaskPriority.HIGH);
            assertThat(s.getTask(first).orElseThrow().status()).isEqualTo(TaskStatus.FAILED);
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void rerun_pendingTask_isRefused() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            long id = s.addTask("waits", () -> "x", TaskPriority.NORMAL);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.rerun(id))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not ended");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.rerun(999))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown task 999");
        }
    }

    @Test
    void cancelTask_running_interruptsJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(2).build()) {
            s.start();
            long id = s.addTask(TaskSpec.of("sleeper", ctx -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
                return null;
            }).build());
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(s.getTask(id).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);

            assertThat(s.cancelTask(id)).isTrue();
            TaskInfo done = await(s, id);

            assertThat(interrupted).isTrue();
            assertThat(done.status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(done.error()).isEqualTo("cancelled by request");
        }
    }

    @Test
    void retry_failsTwice_succeedsOnThirdAttempt() throws Exception {
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.subscribe(e -> {
                events.add(e);
                if (e instanceof JobEvent.Finished) {
                    finished.countDown();
                }
            });
            s.start();
            long id = s.addTask(TaskSpec.of("flaky", ctx -> {
                if (ctx.attempt() < 3) {
                    throw new IllegalStateException("try " + ctx.attempt());
                }
                return "ok";
            }).retry(RetryPolicy.of(3, Duration.ofMillis(1)).withMultiplier(2)).build());

            TaskInfo done = await(s, id);

            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.attempts()).isEqualTo(3);
            assertThat(done.error()).isNull();
            assertThat(finished.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            synchronized (events) {
                assertThat(events).filteredOn(e -> e instanceof JobEvent.Retrying).extracting(e -> ((JobEvent.Retrying) e).delay())
                        .containsExactly(Duration.ofMillis(1), Duration.ofMillis(2));
            }
        }
    }

    @Test
    void retry_exhausted_failsWithLastError() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.start();
            long id = s.addTask(TaskSpec.of("broken", ctx -> {
                throw new IllegalStateException("attempt " + ctx.attempt());
            }).retry(RetryPolicy.of(2, Duration.ZERO)).build());

            TaskInfo done = await(s, id);

            assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.error()).isEqualTo("IllegalStateException: attempt 2");
        }
    }

    @Test
    void timeout_jobRunsTooLong_interruptedAndFailed() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.start();
            long id = s.addTask(TaskSpec.of("stuck", ctx -> {
                new CountDownLatch(1).await();
                return null;
            }).timeout(Duration.ofMillis(20)).build());

            TaskInfo done = await(s, id);

            assertThat(done.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(done.error()).isEqualTo("timed out after PT0.02S");
        }
    }

    @Test
    void pause_newTasks_stayPendingUntilResume() throws Exception {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.start();
            s.pause();
            long id = s.addTask("later", () -> 1, TaskPriority.CRITICAL);

            assertThat(s.isPaused()).isTrue();
            assertThat(s.getTask(id).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);

            s.resume();
            assertThat(await(s, id).status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void start_notStarted_addedTasksWaitInBatchMode() {
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            long id = s.addTask("waits", () -> 1, TaskPriority.CRITICAL);
            assertThat(s.getTask(id).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        }
    }

    private static List<String> orderAfterWaiting(Duration aging, Duration waited) throws Exception {
        FakeClock clock = new FakeClock();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).clock(clock).agingStep(aging).build()) {
            s.start();
            s.pause();
            long bulk = s.addTask("bulk", () -> order.add("bulk"), TaskPriority.BULK);
            clock.advance(waited);
            long high = s.addTask("high", () -> order.add("high"), TaskPriority.HIGH);
            s.resume();
            await(s, bulk);
            await(s, high);
        }
        return order;
    }

    @Test
    void aging_bulkWaitedThreeSteps_runsBeforeNewHigh() throws Exception {
        assertThat(orderAfterWaiting(Duration.ofSeconds(10), Duration.ofSeconds(30))).containsExactly("bulk", "high");
    }

    @Test
    void aging_bulkWaitedTwoSteps_stillAfterHigh() throws Exception {
        assertThat(orderAfterWaiting(Duration.ofSeconds(10), Duration.ofSeconds(29))).containsExactly("high", "bulk");
    }

    @Test
    void aging_off_bulkAfterHigh() throws Exception {
        assertThat(orderAfterWaiting(Duration.ZERO, Duration.ofDays(1))).containsExactly("high", "bulk");
    }

    @Test
    void setMaxConcurrent_whileRunning_startsWaitingTask() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(1).build()) {
            s.start();
            long a = s.addTask(TaskSpec.of("a", blocking(started, release)).build());
            long b = s.addTask(TaskSpec.of("b", blocking(started, release)).build());
            assertThat(s.getTask(a).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(s.getTask(b).orElseThrow().status()).isEqualTo(TaskStatus.PENDING);

            s.setMaxConcurrent(2);

            assertThat(s.getTask(b).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThat(await(s, b).status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void concurrency_supplierRaised_picksUpNewLimit() throws Exception {
        AtomicInteger limit = new AtomicInteger(1);
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().concurrency(limit::get).build()) {
            s.start();
            s.addTask(TaskSpec.of("a", blocking(started, release)).build());
            long b = s.addTask(TaskSpec.of("b", blocking(started, release)).build());
            assertThat(s.maxConcurrent()).isEqualTo(1);

            limit.set(2); // read again by the periodic check, no event needed

            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThat(await(s, b).status()).isEqualTo(TaskStatus.COMPLETED);
        }
    }

    @Test
    void progress_reportedByJob_publishedInOrder() throws Exception {
        List<JobEvent> events = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finished = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.subscribe(events::add);
            s.subscribe(e -> {
                if (e instanceof JobEvent.Finished) {
                    finished.countDown();
                }
            });
            s.start();
            long id = s.addTask(TaskSpec.of("steps", ctx -> {
                ctx.progress(1, 2);
                ctx.progress(2, 2);
                return "done";
            }).kind("demo").build());

            assertThat(finished.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            TaskInfo done = s.getTask(id).orElseThrow();
            assertThat(done.progressDone()).isEqualTo(2);
            assertThat(done.progressTotal()).isEqualTo(2);
            assertThat(done.kind()).isEqualTo("demo");
            synchronized (events) {
                assertThat(events).extracting(e -> e.getClass().getSimpleName())
                        .containsExactly("Submitted", "Started", "Progressed", "Progressed", "Finished");
                assertThat(events.get(3)).isEqualTo(new JobEvent.Progressed(id, 2, 2));
            }
        }
    }

    @Test
    void close_runningTask_cancelledAndInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ParallelScheduler s = ParallelScheduler.builder().build();
        s.start();
        long id = s.addTask(TaskSpec.of("forever", blocking(started, new CountDownLatch(1))).build());
        assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

        s.close();

        TaskInfo done = s.getTask(id).orElseThrow();
        assertThat(done.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(done.error()).isEqualTo("scheduler closed");
    }

    @Test
    void cancelTask_running_runsCancelHooksForSubWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch subWorkStopped = new CountDownLatch(1);
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.start();
            long id = s.addTask(TaskSpec.of("parent", ctx -> {
                ctx.onCancel(subWorkStopped::countDown);
                started.countDown();
                subWorkStopped.await();
                return null;
            }).build());
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();

            s.cancelTask(id);

            assertThat(subWorkStopped.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(await(s, id).status()).isEqualTo(TaskStatus.CANCELLED);
        }
    }

    @Test
    void timeout_jobWithHook_hookRunsAndLateHookRunsAtOnce() throws Exception {
        CountDownLatch hooks = new CountDownLatch(2);
        AtomicBoolean lateRanAtOnce = new AtomicBoolean();
        try (ParallelScheduler s = ParallelScheduler.builder().build()) {
            s.start();
            long id = s.addTask(TaskSpec.of("slow", ctx -> {
                ctx.onCancel(hooks::countDown);
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    long before = hooks.getCount();
                    ctx.onCancel(hooks::countDown); // registered too late: runs at once, on this thread
                    lateRanAtOnce.set(hooks.getCount() < before);
                    throw e;
                }
                return null;
            }).timeout(Duration.ofMillis(10)).build());

            assertThat(await(s, id).status()).isEqualTo(TaskStatus.FAILED);
            // the first hook runs on the timer thread after the interrupt, maybe after the task ended
            assertThat(hooks.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(lateRanAtOnce).isTrue();
        }
    }

    @Test
    void concurrencyFrom_adaptiveController_followsTier() {
        AdaptiveThreadingController controller = new AdaptiveThreadingController(() -> SystemLoad.IDLE);
        try (ParallelScheduler s = ParallelScheduler.builder().concurrencyFrom(controller).build()) {
            controller.setCurrentTier(ThreadingTier.TIER_0);
            assertThat(s.maxConcurrent()).isEqualTo(8);

            controller.setCurrentTier(ThreadingTier.TIER_2);
            assertThat(s.maxConcurrent()).isEqualTo(32);
        }
    }

    @Test
    void concurrency_supplierThrows_keepsLastLimit() {
        AtomicBoolean fail = new AtomicBoolean();
        try (ParallelScheduler s = ParallelScheduler.builder().concurrency(() -> {
            if (fail.get()) {
                throw new IllegalStateException("no metrics");
            }
            return 5;
        }).build()) {
            assertThat(s.maxConcurrent()).isEqualTo(5);
            fail.set(true);
            assertThat(s.maxConcurrent()).isEqualTo(5);
        }
    }
}
