package dev.whitemagic.engine.scheduler;

import dev.whitemagic.engine.Subscription;
import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.internal.SerialDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A priority job queue with dependencies and a concurrency limit; jobs run on virtual threads, at
 * most the limit at once (a thread whose job returned runs the next ready task, so do not leave
 * thread-locals behind in a job). Two ways to use it:
 * <ul>
 * <li><b>Batch</b> (the seed's): add tasks, then {@link #run()} runs everything added so far and
 * waits for it;</li>
 * <li><b>Long-lived</b> (the engine's queue): {@link #start()} once, then tasks added at any time
 * run as slots free up, until {@link #close()}.</li>
 * </ul>
 * Ready tasks start by priority, FIFO within a priority; a waiting task's effective priority
 * improves one level per {@linkplain Builder#agingStep aging step}, ties going to the older. A
 * task whose dependency failed or was cancelled is cancelled with a reason, unless its spec says
 * {@linkplain TaskSpec#runAnyway() run anyway}. Every task ends in exactly one final state and
 * publishes exactly one {@link JobEvent.Finished}.
 *
 * <pre>{@code
 * try (ParallelScheduler s = ParallelScheduler.builder().maxConcurrent(4).build()) {
 *     long a = s.addTask("fetch", () -> fetch(), TaskPriority.HIGH);
 *     long b = s.addTask("parse", () -> parse(), TaskPriority.NORMAL, a);
 *     SchedulerStats stats = s.run();
 *     Object parsed = s.getResults().get(b);
 * }
 * }</pre>
 */
public final class ParallelScheduler implements AutoCloseable {

    /** The default concurrency limit (the width of {@code TIER_0}). */
    public static final int DEFAULT_MAX_CONCURRENT = 8;
    /** The default aging step: a waiting task gains one priority level per 30 s. */
    public static final Duration DEFAULT_AGING_STEP = Duration.ofSeconds(30);
    private static final Duration LIMIT_POLL = Duration.ofMillis(250);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final int SUMMARY_LENGTH = 200;
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int LOCK_SPINS = 100;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Long, TaskEntry> tasks = new LinkedHashMap<>();
    private final ReadyQueue ready;
    private final List<Runnable> completions = new ArrayList<>();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();
    private final SerialDispatcher<JobEvent> events = new SerialDispatcher<>();
    private final InstantSource clock;
    private volatile IntSupplier concurrency;
    private final boolean pollLimit;
    private volatile int lastLimit = 1;
    private ScheduledExecutorService timer;
    private final Map<String, Function<Map<String, String>, Job<?>>> recipes = new ConcurrentHashMap<>();
    private final int retainFinished;
    private final ArrayDeque<TaskEntry> ended = new ArrayDeque<>();
    private long nextId = 1;
    /** Where new ids come from when a shared history hands them out ({@link #restore(java.util.Collection, LongSupplier)}). */
    private LongSupplier ids;
    private int running;
    private int unfinished;
    private int batchRuns;
    private boolean started;
    private volatile boolean paused;
    private boolean closed;

    private ParallelScheduler(Builder b) {
        clock = b.clock;
        ready = new ReadyQueue(b.agingStep);
        concurrency = b.concurrency;
        pollLimit = b.dynamic;
        recipes.putAll(b.recipes);
        retainFinished = b.retainFinished;
    }

    /** A builder; {@code ParallelScheduler.builder().build()} gives the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- adding and running -------------------------------------------------------------

    /**
     * Adds a task. In batch mode it waits for {@link #run()}; after {@link #start()} it runs as
     * soon as its dependencies have ended and a slot is free.
     *
     * @return its id
     * @throws IllegalArgumentException when a dependency id is unknown (never added, or cleared)
     * @throws IllegalStateException    after {@link #close()}
     */
    public long addTask(TaskSpec<?> spec) {
        Objects.requireNonNull(spec, "spec");
        Instant now = clock.instant(); // read before taking the lock: the lock is the bottleneck
        lockSpinning();
        try {
            if (closed) {
                throw new IllegalStateException("the scheduler is closed");
            }
            List<TaskEntry> deps = spec.dependencies().isEmpty() ? List.of() : new ArrayList<>();
            String cancelReason = null;
            for (long depId : spec.dependencies()) {
                TaskEntry d = tasks.get(depId);
                if (d == null) {
                    throw new IllegalArgumentException("unknown dependency " + depId + " of '" + spec.name()
                            + "' (never added, cleared, or an ended task no longer retained)");
                }
                deps.add(d);
                if (cancelReason == null && d.status.isFinal() && d.status != TaskStatus.COMPLETED && !spec.runAnyway()) {
                    cancelReason = dependencyReason(d);
                }
            }
            TaskEntry e = new TaskEntry(ids != null ? ids.getAsLong() : nextId++, spec, now);
            tasks.put(e.id, e);
            unfinished++;
            if (events.hasListeners()) {
                events.post(new JobEvent.Submitted(e.info()));
            }
            if (cancelReason != null) {
                finish(e, TaskStatus.CANCELLED, cancelReason);
                return e.id;
            }
            for (TaskEntry d : deps) {
                if (!d.status.isFinal()) {
                    d.addDependent(e);
                    e.waitingOn++;
                }
            }
            if (e.waitingOn == 0) {
                ready.add(e, e.createdAt);
                dispatch(); // not with createdAt: read before the lock, it may be older than a task queued since
            }
            return e.id;
        } finally {
            unlockAndFlush();
        }
    }

    /** Adds a callable (the seed's {@code add_task(fn, priority, dependencies)}); kind "task". */
    public long addTask(String name, Callable<?> fn, TaskPriority priority, long... dependencies) {
        return addTask(TaskSpec.ofCallable(name, fn).priority(priority).dependsOn(dependencies).build());
    }

    /**
     * Runs every task added so far that has not ended and waits until all of them have; the
     * seed's batch mode. Works in long-lived mode too (it then only waits). While the queue is
     * {@linkplain #pause() paused} this waits for {@link #resume()}.
     *
     * @return the statistics of those tasks over the wall time of this call
     * @throws InterruptedException when the waiting thread is interrupted (the tasks go on)
     */
    public SchedulerStats run() throws InterruptedException {
        long t0 = System.nanoTime();
        List<TaskEntry> batch = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the scheduler is closed");
            }
            for (TaskEntry e : tasks.values()) {
                if (!e.status.isFinal()) {
                    batch.add(e);
                }
            }
            batchRuns++;
            dispatch();
        } finally {
            unlockAndFlush();
        }
        lock.lock();
        try {
            for (TaskEntry e : batch) {
                while (!e.status.isFinal()) {
                    changed.await();
                }
            }
            List<TaskInfo> infos = new ArrayList<>(batch.size());
            for (TaskEntry e : batch) {
                infos.add(e.info());
            }
            return SchedulerStats.of(infos, Duration.ofNanos(System.nanoTime() - t0));
        } finally {
            batchRuns--;
            lock.unlock();
        }
    }

    /** Starts the long-lived mode: tasks run as they are added, until {@link #close()}. */
    public void start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the scheduler is closed");
            }
            if (!started) {
                started = true;
                if (pollLimit) {
                    long ms = LIMIT_POLL.toMillis();
                    timer().scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
                }
                dispatch();
            }
        } finally {
            unlockAndFlush();
        }
    }

    /** Stops starting new tasks; running ones go on. */
    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    /** Starts tasks again after {@link #pause()}. */
    public void resume() {
        lock.lock();
        try {
            paused = false;
            dispatch();
        } finally {
            unlockAndFlush();
        }
    }

    /** Whether the queue is paused. */
    public boolean isPaused() {
        return paused; // volatile: a UI may ask often, without waiting for the lock
    }

    /**
     * Cancels a task: a pending one ends {@code CANCELLED} now (and so do its dependents, unless
     * they run anyway); a running one is interrupted and ends {@code CANCELLED} when its job
     * returns, whatever it returns.
     *
     * @return whether the task existed, had not ended and had not been cancelled already
     */
    public boolean cancelTask(long id) {
        lock.lock();
        try {
            TaskEntry e = tasks.get(id);
            if (e == null || e.status.isFinal() || e.cancelRequested) {
                return false;
            }
            requestCancel(e, "cancelled by request");
            dispatch();
            return true;
        } finally {
            unlockAndFlush();
        }
    }

    /**
     * Changes the priority of a pending task. A task ready to start moves to the back of its new
     * priority's queue, keeping the time it has waited for aging; a task still waiting for its
     * dependencies or a retry just gets the new priority.
     *
     * @return whether the task exists and was pending
     */
    public boolean changePriority(long id, TaskPriority priority) {
        Objects.requireNonNull(priority, "priority");
        lock.lock();
        try {
            TaskEntry e = tasks.get(id);
            if (e == null || e.status != TaskStatus.PENDING) {
                return false;
            }
            ready.changePriority(e, priority);
            dispatch();
            return true;
        } finally {
            unlockAndFlush();
        }
    }

    /**
     * Runs an ended task again: a new task with the same name, kind, priority, job, timeout,
     * retry policy and recipe, but no dependencies (they have ended). The old task keeps its
     * record. A task {@linkplain #restore restored} from the job history runs the job its
     * {@linkplain JobRecipe recipe} makes; see {@link TaskInfo#rerunnable()}.
     *
     * @return the new task's id
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException    when the task has not ended yet, when it was restored and its
     *                                  work is not known (no recipe, or no factory for its type), or
     *                                  after {@link #close()}
     */
    public long rerun(long id) {
        TaskSpec<?> spec;
        lock.lock();
        try {
            TaskEntry e = tasks.get(id);
            if (e == null) {
                throw new IllegalArgumentException("unknown task " + id);
            }
            if (!e.status.isFinal()) {
                throw new IllegalStateException("task " + id + " has not ended yet");
            }
            spec = e.spec;
            if (spec.job() instanceof RecipeJob<?> r && !r.known()) {
                throw new IllegalStateException(r.unknownReason());
            }
        } finally {
            lock.unlock();
        }
        return addTask(new TaskSpec<>(spec.name(), spec.kind(), spec.priority(), List.of(), spec.job(),
                spec.timeout(), spec.retry(), spec.runAnyway(), spec.recipe()));
    }

    /**
     * Registers the factory that makes jobs of recipe {@code type} again, for tasks restored from
     * the job history (see {@link JobRecipe}); replaces an earlier one of the same type.
     */
    public void registerRecipe(String type, Function<Map<String, String>, Job<?>> factory) {
        recipes.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Puts tasks read back from the job history into the task list as ended tasks, as recorded,
     * without publishing events; new ids continue after the highest. Call it before adding any
     * task. Their work runs again through {@link #rerun(long)} when they have a recipe of a
     * registered type.
     *
     * <pre>{@code
     * ParallelScheduler s = ParallelScheduler.builder().build();
     * s.restore(history.tasks());
     * s.start();
     * }</pre>
     *
     * @throws IllegalArgumentException when a task has not ended, or two share an id
     * @throws IllegalStateException    when tasks were added already, or after {@link #close()}
     */
    public void restore(Collection<TaskInfo> history) {
        restore(history, null);
    }

    /**
     * As {@link #restore(java.util.Collection)}, new tasks then taking their ids from
     * {@code newIds} (called under the scheduler's lock; each id greater than the restored ones
     * and never handed out twice), as a job history shared by several processes does.
     */
    public void restore(Collection<TaskInfo> history, LongSupplier newIds) {
        List<TaskInfo> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingLong(TaskInfo::id));
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the scheduler is closed");
            }
            if (nextId != 1 || !tasks.isEmpty()) {
                throw new IllegalStateException("restore before adding tasks");
            }
            long last = 0;
            for (TaskInfo t : sorted) {
                if (!t.status().isFinal()) {
                    throw new IllegalArgumentException("task " + t.id() + " '" + t.name() + "' has not ended: " + t.status());
                }
                if (t.id() <= last) {
                    throw new IllegalArgumentException("task id " + t.id() + " is not positive or not unique");
                }
                last = t.id();
            }
            for (TaskInfo t : sorted) {
                TaskSpec<Object> spec = new TaskSpec<>(t.name(), t.kind(), t.priority(), t.dependencies(),
                        new RecipeJob<>(t.name(), t.recipe(), recipes), null, RetryPolicy.none(), false, t.recipe());
                TaskEntry e = new TaskEntry(t.id(), spec, t.createdAt());
                e.status = t.status();
                e.startedAt = t.startedAt();
                e.finishedAt = t.finishedAt();
                e.attempts = t.attempts();
                e.resultSummary = t.resultSummary();
                e.error = t.error();
                e.progressDone = t.progressDone();
                e.progressTotal = t.progressTotal();
                tasks.put(e.id, e);
                e.done.complete(e.info());
                retain(e);
            }
            nextId = last + 1;
            ids = newIds;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the tasks that have ended, and their results, from the scheduler.
     *
     * @return how many were removed
     */
    public int clear() {
        return clearFinished().size();
    }

    /**
     * Removes the tasks that have ended, and their results, from the scheduler.
     *
     * @return the ids removed, in submission order
     */
    public List<Long> clearFinished() {
        lock.lock();
        try {
            List<Long> removed = new ArrayList<>();
            var it = tasks.values().iterator();
            while (it.hasNext()) {
                TaskEntry e = it.next();
                if (e.status.isFinal()) {
                    removed.add(e.id);
                    it.remove();
                }
            }
            ended.clear();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    // ---- looking -------------------------------------------------------------------------

    /** A snapshot of one task. */
    public Optional<TaskInfo> getTask(long id) {
        lock.lock();
        try {
            TaskEntry e = tasks.get(id);
            return e == null ? Optional.empty() : Optional.of(e.info());
        } finally {
            lock.unlock();
        }
    }

    /** Snapshots of all tasks, in submission order. */
    public List<TaskInfo> getTasks() {
        lock.lock();
        try {
            List<TaskInfo> out = new ArrayList<>(tasks.size());
            for (TaskEntry e : tasks.values()) {
                out.add(e.info());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The results of the completed tasks by id, in submission order (values may be null). */
    public Map<Long, Object> getResults() {
        lock.lock();
        try {
            Map<Long, Object> out = new LinkedHashMap<>();
            for (TaskEntry e : tasks.values()) {
                if (e.status == TaskStatus.COMPLETED) {
                    out.put(e.id, e.result);
                }
            }
            return Collections.unmodifiableMap(out);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A future of the task's final snapshot; completes after the task's {@link JobEvent.Finished}
     * was posted.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public CompletableFuture<TaskInfo> completion(long id) {
        lock.lock();
        try {
            TaskEntry e = tasks.get(id);
            if (e == null) {
                throw new IllegalArgumentException("unknown task " + id);
            }
            if (e.status.isFinal() && !e.done.isDone()) {
                e.done.complete(e.info()); // nobody asked while it ran: markFinal left it open
            }
            return e.done.copy();
        } finally {
            lock.unlock();
        }
    }

    /** Tasks running now; cheap (for a status bar). */
    public int runningCount() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks that have not ended and are not running: waiting for a slot, a dependency or a retry. Cheap. */
    public int pendingCount() {
        lock.lock();
        try {
            return Math.max(0, unfinished - running);
        } finally {
            lock.unlock();
        }
    }

    /** The statistics of all tasks known, over the time since the first was added. */
    public SchedulerStats stats() {
        List<TaskInfo> infos = getTasks();
        Instant first = infos.isEmpty() ? clock.instant() : infos.getFirst().createdAt();
        return SchedulerStats.of(infos, Duration.between(first, clock.instant()));
    }

    /** Calls {@code listener} with every job event from now on; close the handle to stop. */
    public Subscription subscribe(Consumer<? super JobEvent> listener) {
        return events.subscribe(listener);
    }

    // ---- concurrency limit ---------------------------------------------------------------

    /** The concurrency limit now (at least 1). */
    public int maxConcurrent() {
        try {
            int limit = Math.max(1, concurrency.getAsInt());
            if (limit != lastLimit) {
                lastLimit = limit; // a volatile write only when it changed: this runs for every task
            }
        } catch (RuntimeException e) {
            // a failing supplier keeps the last limit rather than stopping the queue
        }
        return lastLimit;
    }

    /** Sets a fixed concurrency limit, effective at once; running tasks above it go on. */
    public void setMaxConcurrent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + limit);
        }
        concurrency = () -> limit;
        lock.lock();
        try {
            dispatch();
        } finally {
            unlockAndFlush();
        }
    }

    /**
     * Cancels every task that has not ended ({@code "scheduler closed"}), interrupts running jobs
     * and waits up to 10 s for them to return. Closing twice is harmless.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Worker w : idle) {
                w.wake.signal();
            }
            idle.clear();
            for (TaskEntry e : new ArrayList<>(tasks.values())) {
                if (!e.status.isFinal() && !e.cancelRequested) {
                    requestCancel(e, "scheduler closed");
                }
            }
            long left = CLOSE_WAIT.toNanos();
            while (running > 0 && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
            unlockAndFlush();
        }
        // a worker may still be delivering events (the cancellations above among them): let it
        // finish, so a listener removed after close (the job history) has seen them all
        events.drainAndWait(CLOSE_WAIT.toNanos());
    }

    // ---- internals (lock held unless said otherwise) -------------------------------------

    private void requestCancel(TaskEntry e, String reason) {
        e.cancelRequested = true;
        if (e.status == TaskStatus.RUNNING) {
            e.error = reason;
            interrupt(e);
        } else {
            finish(e, TaskStatus.CANCELLED, reason);
        }
    }

    private void enqueue(TaskEntry e) {
        ready.add(e, clock.instant());
    }

    private void dispatch() {
        dispatch(null);
    }

    /** Starts ready tasks while slots are free; {@code now} is the time if just read, else null. */
    private void dispatch(Instant now) {
        TaskEntry e;
        while ((e = next(now)) != null) {
            Worker w = idle.pollFirst();
            if (w != null) {
                begin(e, w.thread);
                w.handoff = e;
                w.wake.signal();
            } else {
                Worker fresh = new Worker();
                TaskEntry first = e;
                fresh.thread = Thread.ofVirtual().name("wm-task-worker").unstarted(() -> work(fresh, first));
                begin(first, fresh.thread);
                fresh.thread.start();
            }
        }
    }

    /**
     * Takes the next task to start now (its start time set; {@link #begin} it next), or null when
     * the queue is paused, not running, full or empty.
     */
    private TaskEntry next(Instant now) {
        if (closed || paused || !(started || batchRuns > 0) || running >= maxConcurrent() || ready.isEmpty()) {
            return null;
        }
        Instant t = now != null ? now : clock.instant();
        TaskEntry e = ready.poll(t);
        if (e != null) {
            e.startedAt = t;
        }
        return e;
    }

    /**
     * Marks {@code e} (just taken by {@link #next}, which set its start time) running on
     * {@code worker}: a new attempt, its Started event and its timeout.
     */
    private void begin(TaskEntry e, Thread worker) {
        e.status = TaskStatus.RUNNING;
        e.attempts++;
        e.timedOut = false;
        e.cancelHooks = List.of();
        e.thread = worker;
        running++;
        if (events.hasListeners()) {
            events.post(new JobEvent.Started(e.info()));
        }
        int attempt = e.attempts;
        Duration timeout = e.spec.timeout();
        if (timeout != null) {
            e.timer = timer().schedule(() -> timeOut(e, attempt), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * A worker's life (no lock held): it runs the task it was started for, then, while a slot is
     * free, the next ready task, so a busy queue does not pay for a new thread per task. With
     * nothing to run it waits up to a second for {@link #dispatch} to hand it a task, then ends.
     */
    private void work(Worker w, TaskEntry first) {
        TaskEntry e = first;
        while (e != null) {
            e = execute(e, w.thread);
            if (e == null) {
                e = awaitHandoff(w);
            }
        }
    }

    /** Waits idle for a task from {@link #dispatch}; null after the keep-alive or on close. */
    private TaskEntry awaitHandoff(Worker w) {
        lock.lock();
        try {
            TaskEntry e = next(null);
            if (e != null) {
                begin(e, w.thread);
                return e;
            }
            if (closed) {
                return null;
            }
            idle.addFirst(w); // LIFO: the most recently busy worker is handed the next task
            long left = KEEP_ALIVE_NANOS;
            while (w.handoff == null && left > 0 && !closed) {
                try {
                    left = w.wake.awaitNanos(left);
                } catch (InterruptedException ie) {
                    if (w.handoff != null) {
                        w.thread.interrupt(); // the task handed over was cancelled already: its job sees it
                    }
                }
            }
            e = w.handoff;
            w.handoff = null;
            if (e == null) {
                idle.remove(w);
            }
            return e;
        } finally {
            unlockAndFlush();
        }
    }

    /**
     * Runs one attempt of {@code e} on this worker; returns the next task it has begun, or null.
     * {@link #begin} ran before this thread started or on this thread, so {@code e.attempts} is safe
     * to read here.
     */
    private TaskEntry execute(TaskEntry e, Thread me) {
        int attempt = e.attempts;
        Object result = null;
        Throwable failure = null;
        try {
            result = e.spec.job().run(new Context(e, attempt));
        } catch (Throwable t) {
            failure = t;
        }
        lockSpinning();
        try {
            e.thread = null;
            e.cancelHooks = List.of();
            if (me.isInterrupted()) {
                Thread.interrupted(); // a cancel or timeout of this attempt must not reach the next one
            }
            running--;
            if (e.timer != null) {
                e.timer.cancel(false);
                e.timer = null;
            }
            Instant now = clock.instant(); // this task's end and the next one's start
            if (e.cancelRequested) {
                finish(e, TaskStatus.CANCELLED, e.error, now);
            } else if (failure == null) {
                e.result = result;
                e.resultSummary = summarize(result);
                finish(e, TaskStatus.COMPLETED, null, now);
            } else {
                String message = e.timedOut ? "timed out after " + e.spec.timeout() : describe(failure);
                retryOrFail(e, message);
            }
            changed.signalAll();
            TaskEntry next = next(now);
            if (next != null) {
                begin(next, me);
            }
            dispatch(now);
            return next;
        } finally {
            unlockAndFlush();
        }
    }

    private void retryOrFail(TaskEntry e, String message) {
        RetryPolicy retry = e.spec.retry();
        if (e.attempts >= retry.maxAttempts() || closed) {
            finish(e, TaskStatus.FAILED, message);
            return;
        }
        e.status = TaskStatus.PENDING;
        e.error = message;
        Duration delay = retry.delayAfter(e.attempts);
        if (events.hasListeners()) {
            events.post(new JobEvent.Retrying(e.info(), delay));
        }
        if (delay.isZero()) {
            enqueue(e);
        } else {
            timer().schedule(() -> requeue(e), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void requeue(TaskEntry e) {
        lock.lock();
        try {
            if (e.status == TaskStatus.PENDING && !e.cancelRequested && !closed) {
                enqueue(e);
                dispatch();
            }
        } finally {
            unlockAndFlush();
        }
    }

    private void timeOut(TaskEntry e, int attempt) {
        lock.lock();
        try {
            if (e.status == TaskStatus.RUNNING && e.attempts == attempt) {
                e.timedOut = true;
                interrupt(e);
            }
        } finally {
            unlockAndFlush();
        }
    }

    /** Interrupts a running attempt and queues its cancel hooks to run after the lock is released. */
    private void interrupt(TaskEntry e) {
        if (e.thread != null) {
            e.thread.interrupt();
        }
        for (Runnable hook : e.cancelHooks) {
            completions.add(() -> runHook(hook));
        }
        e.cancelHooks = List.of();
    }

    private static void runHook(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException ignored) {
            // a failing hook must not stop the scheduler
        }
    }

    private void tick() {
        lock.lock();
        try {
            dispatch();
        } finally {
            unlockAndFlush();
        }
    }

    /** Ends {@code e} and settles its dependents: each is released or cancelled, iteratively. */
    private void finish(TaskEntry first, TaskStatus status, String error) {
        finish(first, status, error, clock.instant());
    }

    private void finish(TaskEntry first, TaskStatus status, String error, Instant now) {
        markFinal(first, status, error, now);
        if (first.dependents.isEmpty()) {
            return;
        }
        ArrayDeque<TaskEntry> work = new ArrayDeque<>();
        work.add(first);
        TaskEntry x;
        while ((x = work.poll()) != null) {
            for (TaskEntry d : x.dependents) {
                if (d.status.isFinal()) {
                    continue;
                }
                if (x.status != TaskStatus.COMPLETED && !d.spec.runAnyway()) {
                    d.cancelRequested = true;
                    markFinal(d, TaskStatus.CANCELLED, dependencyReason(x), now);
                    work.add(d);
                } else if (--d.waitingOn == 0) {
                    enqueue(d);
                }
            }
            x.dependents = List.of();
        }
    }

    private void markFinal(TaskEntry e, TaskStatus status, String error, Instant now) {
        unfinished--;
        e.status = status;
        e.error = error;
        e.finishedAt = now;
        TaskInfo info = null;
        if (events.hasListeners()) {
            info = e.info();
            events.post(new JobEvent.Finished(info));
        }
        if (e.done.getNumberOfDependents() > 0) { // else completion(id) completes it when asked
            TaskInfo last = info != null ? info : e.info();
            completions.add(() -> e.done.complete(last));
        }
        changed.signalAll();
        retain(e);
    }

    /** Keeps at most {@code retainFinished} ended tasks, dropping the ones that ended first. */
    private void retain(TaskEntry e) {
        if (retainFinished == Integer.MAX_VALUE) {
            return;
        }
        ended.add(e);
        while (ended.size() > retainFinished) {
            TaskEntry old = ended.poll();
            tasks.remove(old.id, old);
        }
    }

    private static String dependencyReason(TaskEntry d) {
        return "dependency " + d.id + " '" + d.spec.name() + "' " + d.status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Takes the lock, first trying a little while before queueing: the lock is held for a
     * microsecond at a time, and a virtual thread that queues is unmounted and must be scheduled
     * again, which costs more; workers whose 1 ms sleeps end together would otherwise convoy.
     */
    private void lockSpinning() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    private void unlockAndFlush() {
        List<Runnable> todo = completions.isEmpty() ? List.of() : new ArrayList<>(completions);
        completions.clear();
        lock.unlock();
        events.drain();
        for (Runnable r : todo) {
            r.run();
        }
    }

    private ScheduledExecutorService timer() {
        if (timer == null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = Executors.defaultThreadFactory().newThread(r);
                th.setName("wm-scheduler-timer");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            timer = t;
        }
        return timer;
    }

    private static String summarize(Object result) {
        if (result == null) {
            return null;
        }
        String s = String.valueOf(result);
        return s.length() <= SUMMARY_LENGTH ? s : s.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** A thread that runs tasks one after another; guarded by the lock. */
    private final class Worker {
        final Condition wake = lock.newCondition();
        Thread thread;
        TaskEntry handoff;
    }

    /** The context handed to one attempt. */
    private final class Context implements JobContext {
        private final TaskEntry entry;
        private final int attempt;

        Context(TaskEntry entry, int attempt) {
            this.entry = entry;
            this.attempt = attempt;
        }

        @Override
        public long taskId() {
            return entry.id;
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public void progress(long done, long total) {
            entry.progressDone = done;
            entry.progressTotal = total;
            events.post(new JobEvent.Progressed(entry.id, done, total));
            events.drain();
        }

        @Override
        public void onCancel(Runnable hook) {
            Objects.requireNonNull(hook, "hook");
            lock.lock();
            try {
                if (entry.status == TaskStatus.RUNNING && entry.attempts == attempt
                        && !entry.cancelRequested && !entry.timedOut) {
                    entry.addCancelHook(hook);
                    return;
                }
            } finally {
                lock.unlock();
            }
            runHook(hook);
        }

        @Override
        public boolean isCancelled() {
            return entry.cancelRequested || entry.timedOut || Thread.currentThread().isInterrupted();
        }
    }

    /**
     * Configures a {@link ParallelScheduler}.
     *
     * <pre>{@code
     * ParallelScheduler s = ParallelScheduler.builder()
     *         .concurrencyFrom(engine.adaptive())      // follows the tier while running
     *         .agingStep(Duration.ofSeconds(10))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private IntSupplier concurrency = () -> DEFAULT_MAX_CONCURRENT;
        private boolean dynamic;
        private Duration agingStep = DEFAULT_AGING_STEP;
        private InstantSource clock = InstantSource.system();
        private final Map<String, Function<Map<String, String>, Job<?>>> recipes = new LinkedHashMap<>();
        private int retainFinished = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * Keeps at most {@code limit} ended tasks (and their results); when more have ended, the
         * ones that ended first are dropped. Unlimited by default; a long-lived queue should set
         * one. A dropped task's id is then unknown, also as a dependency.
         */
        public Builder retainFinished(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("retainFinished must be at least 1, got " + limit);
            }
            retainFinished = limit;
            return this;
        }

        /** Registers a recipe factory (see {@link ParallelScheduler#registerRecipe}). */
        public Builder recipe(String type, Function<Map<String, String>, Job<?>> factory) {
            recipes.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** A fixed concurrency limit (changeable later with {@link ParallelScheduler#setMaxConcurrent}). */
        public Builder maxConcurrent(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + limit);
            }
            concurrency = () -> limit;
            dynamic = false;
            return this;
        }

        /** A limit read again at every dispatch and every 250 ms while started. */
        public Builder concurrency(IntSupplier limit) {
            concurrency = Objects.requireNonNull(limit, "limit");
            dynamic = true;
            return this;
        }

        /** The limit of the controller's current tier: its I/O worker count. */
        public Builder concurrencyFrom(AdaptiveThreadingController controller) {
            Objects.requireNonNull(controller, "controller");
            return concurrency(() -> controller.getPoolConfig().ioWorkers());
        }

        /** A waiting task gains one priority level per {@code step}; {@link Duration#ZERO} turns aging off. */
        public Builder agingStep(Duration step) {
            Objects.requireNonNull(step, "step");
            if (step.isNegative()) {
                throw new IllegalArgumentException("agingStep must not be negative, got " + step);
            }
            agingStep = step;
            return this;
        }

        /** The clock for timestamps and aging (a fake one in tests). */
        public Builder clock(InstantSource source) {
            clock = Objects.requireNonNull(source, "clock");
            return this;
        }

        /** The scheduler, in batch mode until {@link ParallelScheduler#start()}. */
        public ParallelScheduler build() {
            return new ParallelScheduler(this);
        }
    }
}
