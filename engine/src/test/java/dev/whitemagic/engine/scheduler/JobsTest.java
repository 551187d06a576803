package dev.whitemagic.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.files.FileResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsTest {
    private static final long WAIT_S = 10;

    @TempDir
    Path dir;

    private List<Path> files(int n) throws Exception {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = dir.resolve("f" + i + ".txt");
            Files.writeString(p, "line " + i + "\n");
            out.add(p);
        }
        return out;
    }

    @Test
    void batch_runsAsAJob_withItsResultsProgressAndSummary() throws Exception {
        List<Path> paths = files(50);
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(dir.resolve("home")).build()) {
            BatchHandle<FileResult> read = engine.jobs().batch("read 50 files", "read", TaskPriority.NORMAL,
                    paths.size(), () -> engine.files().start(paths), list -> list.size() + " files read");

            List<FileResult> results = read.result().get(WAIT_S, TimeUnit.SECONDS);

            assertThat(results).hasSize(50).allMatch(FileResult::success);
            assertThat(read.completedSince(0)).hasSize(50);
            TaskInfo job = engine.scheduler().getTasks().getLast();
            job = engine.scheduler().completion(job.id()).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(job.kind()).isEqualTo("read");
            assertThat(job.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(job.resultSummary()).isEqualTo("50 files read");
            assertThat(job.progressDone()).isEqualTo(50);
            assertThat(job.progressTotal()).isEqualTo(50);
        }
    }

    @Test
    void batch_waitsItsTurn_andCancelWhilePending_endsWithNoItems() throws Exception {
        List<Path> paths = files(3);
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(dir.resolve("home")).build()) {
            engine.scheduler().pause();
            BatchHandle<FileResult> read = engine.jobs().batch("read", "read", TaskPriority.NORMAL, paths.size(),
                    () -> engine.files().start(paths), null);

            assertThat(read.progress().itemsTotal()).isEqualTo(3);
            assertThat(read.progress().itemsDone()).isZero();
            assertThat(read.isDone()).isFalse();
            read.cancel();

            assertThat(read.result().get(WAIT_S, TimeUnit.SECONDS)).isEmpty();
            assertThat(read.isCancelled()).isTrue();
            assertThat(engine.scheduler().getTasks().getLast().status()).isEqualTo(TaskStatus.CANCELLED);
        }
    }

    @Test
    void batch_cancelledFromTheQueue_cancelsTheRunningBatch() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(dir.resolve("home")).build()) {
            BlockingBatch blocking = new BlockingBatch(started, never);
            BatchHandle<String> handle = engine.jobs().batch("slow", "read", TaskPriority.NORMAL, 1,
                    () -> blocking, null);
            assertThat(started.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            long id = engine.scheduler().getTasks().getLast().id();

            engine.scheduler().cancelTask(id);

            assertThat(handle.result().get(WAIT_S, TimeUnit.SECONDS)).isEmpty();
            assertThat(blocking.isCancelled()).isTrue();
            assertThat(handle.isCancelled()).isTrue();
            assertThat(engine.scheduler().completion(id).get(WAIT_S, TimeUnit.SECONDS).status())
                    .isEqualTo(TaskStatus.CANCELLED);
        }
    }

    @Test
    void batch_whoseStartThrows_failsTheJobAndTheFuture() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(dir.resolve("home")).build()) {
            BatchHandle<String> handle = engine.jobs().batch("bad", "grep", TaskPriority.NORMAL, 1, () -> {
                throw new IllegalArgumentException("invalid pattern at 3");
            }, null);

            assertThatThrownBy(() -> handle.result().get(WAIT_S, TimeUnit.SECONDS))
                    .hasMessageContaining("invalid pattern at 3");
            TaskInfo job = engine.scheduler().getTasks().getLast();
            assertThat(engine.scheduler().completion(job.id()).get(WAIT_S, TimeUnit.SECONDS).status())
                    .isEqualTo(TaskStatus.FAILED);
        }
    }

    @Test
    void call_givesTheValue_orTheJobsException_orACancellation() throws Exception {
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(dir.resolve("home")).build()) {
            Jobs jobs = engine.jobs();
            Jobs.JobHandle<Integer> ok = jobs.call("answer", "search", TaskPriority.HIGH, ctx -> 42, v -> v + " hits");
            assertThat(ok.join()).isEqualTo(42);
            assertThat(engine.scheduler().completion(ok.taskId()).get(WAIT_S, TimeUnit.SECONDS).resultSummary())
                    .isEqualTo("42 hits");

            Jobs.JobHandle<Integer> bad = jobs.call("broken", "search", TaskPriority.HIGH, ctx -> {
                throw new IllegalStateException("index damaged");
            }, null);
            assertThatThrownBy(bad::join).isInstanceOf(IllegalStateException.class).hasMessage("index damaged");

            engine.scheduler().pause();
            Jobs.JobHandle<Integer> waiting = jobs.call("later", "import", TaskPriority.LOW, ctx -> 1, null);
            assertThat(waiting.cancel()).isTrue();
            assertThatThrownBy(waiting::join).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("cancelled by request");
        }
    }

    /** A batch that runs until cancelled. */
    private static final class BlockingBatch implements BatchHandle<String> {
        private final CountDownLatch started;
        private final java.util.concurrent.CompletableFuture<List<String>> result = new java.util.concurrent.CompletableFuture<>();
        private volatile boolean cancelled;

        BlockingBatch(CountDownLatch started, CountDownLatch never) {
            this.started = started;
        }

        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public dev.whitemagic.engine.Progress progress() {
            started.countDown();
            return dev.whitemagic.engine.Progress.none(1);
        }

        @Override
        public List<String> completedSince(int from) {
            return List.of();
        }

        @Override
        public void cancel() {
            cancelled = true;
            result.complete(List.of());
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public java.util.concurrent.CompletableFuture<List<String>> result() {
            return result;
        }
    }
}
