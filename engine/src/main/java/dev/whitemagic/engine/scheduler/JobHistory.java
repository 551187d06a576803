package dev.whitemagic.engine.scheduler;

import dev.whitemagic.engine.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job history: an append-only JSON Lines file (usually {@code <home>/jobs/history.jsonl}) with
 * one line per change of a task (submitted, started, retrying, finished), so the queue survives a
 * restart. Opening it reads the latest state of every job; a job last seen pending or running
 * becomes {@link TaskStatus#INTERRUPTED} (and that is written back). {@link #attach} puts those
 * jobs into a scheduler as ended tasks and records the scheduler's events from then on.
 *
 * <p>Events are only queued on the scheduler's thread; one background thread writes them in
 * batches. Reading never throws over content: torn or garbage lines are skipped and counted
 * ({@link #skippedLines()}), and a file that cannot be read at all is renamed to
 * {@code history.jsonl.damaged-<millis>} and the history starts empty. When the file holds more
 * than three lines per retained job it is rewritten atomically with the latest state of the newest
 * retained jobs. Closing writes what is queued and forces it to disk.
 *
 * <p>Several processes (the window, CLI commands, MCP servers) may keep one history at once. Each
 * record names the open history that wrote it, and each open history holds an OS lock on its own
 * file in {@code owners/}: a job left pending or running is marked interrupted only when its
 * owner's lock is free (the process died), and a live process's running job is left to it (and
 * not restored elsewhere). Ids come in blocks claimed under {@code history.lock}, so no two
 * processes hand out the same one; compaction waits until no other process has the file open.
 *
 * <pre>{@code
 * try (JobHistory history = JobHistory.open(home.resolve("jobs/history.jsonl"));
 *      ParallelScheduler s = ParallelScheduler.builder().build()) {
 *     history.attach(s);   // restored jobs appear in s.getTasks(); ids continue after them
 *     s.start();
 * }
 * }</pre>
 */
public final class JobHistory implements AutoCloseable {

    /** Jobs kept by default: compaction keeps the latest state of this many of the newest. */
    public static final int DEFAULT_RETAINED_JOBS = 100_000;
    /** The error of a job that was running when the process ended. */
    public static final String INTERRUPTED_RUNNING = "interrupted: the workbench stopped while it was running";
    /** The error of a job that was waiting when the process ended. */
    public static final String INTERRUPTED_WAITING = "interrupted: the workbench stopped while it was waiting";
    /** The file is compacted when it has more than this many lines per retained job. */
    static final int COMPACT_FACTOR = 3;
    static final int QUEUE_CAPACITY = 1 << 18;
    private static final int BATCH = 4096;
    private static final long CLOSE_WAIT_MS = 10_000;
    private static final Object STOP = new Object();

    /** Ids are claimed in blocks of this many, so that processes sharing the history never share an id. */
    static final int ID_BLOCK = 1000;

    private final Path file;
    private final Path jobsDir;
    private final HistoryOwners owners;
    private final int retained;
    private final List<TaskInfo> tasks;
    private final long skipped;
    private final Path damaged;
    private Path damagedAt; // set while opening
    private long skippedAt; // set while opening
    private long nextId; // guarded by this
    private long lastId; // guarded by this
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile String lastError;
    private FileChannel channel;       // writer thread only, after open
    private long linesInFile;          // writer thread only, after open
    private Subscription subscription;
    private boolean closed;

    private JobHistory(Path file, int retained) throws IOException {
        this.file = file;
        this.retained = retained;
        this.jobsDir = file.toAbsolutePath().getParent();
        Files.createDirectories(jobsDir);
        this.owners = HistoryOwners.register(jobsDir);
        try {
            this.tasks = HistoryOwners.exclusive(jobsDir, this::openLocked);
        } catch (IOException | RuntimeException e) {
            owners.close();
            throw e;
        }
        this.damaged = damagedAt;
        this.skipped = skippedAt;
        writer = Thread.ofPlatform().name("wm-job-history").daemon(true).start(this::writeLoop);
    }

    /**
     * Reads the file, marks the jobs of processes that died as interrupted (a job another live
     * process runs is its own: left alone, and not restored here), compacts when no other process
     * has it open, claims a first block of ids and opens the file for appending. Under the
     * history's exclusive lock.
     */
    private List<TaskInfo> openLocked() throws IOException {
        HistoryFile.Contents contents;
        try {
            contents = HistoryFile.read(file);
            if (contents.lines() > 0 && contents.latest().isEmpty()) {
                throw new IOException("no line of " + file + " is a job record");
            }
        } catch (IOException | UncheckedIOException e) {
            damagedAt = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
            moveAside(file, damagedAt);
            contents = HistoryFile.Contents.empty();
        }
        skippedAt = contents.skipped();
        Set<String> alive = owners.othersAlive();

        TreeMap<Long, TaskInfo> latest = contents.latest();
        List<TaskInfo> interrupted = new ArrayList<>();
        List<Long> elsewhere = new ArrayList<>();
        for (TaskInfo t : latest.values()) {
            if (!t.status().isFinal()) {
                if (alive.contains(contents.owners().get(t.id()))) {
                    elsewhere.add(t.id());
                } else {
                    interrupted.add(interrupt(t, contents.lastSeen()));
                }
            }
        }
        interrupted.forEach(t -> latest.put(t.id(), t));
        elsewhere.forEach(latest::remove);
        List<TaskInfo> kept = List.copyOf(HistoryFile.newest(latest, retained));
        // With no one else open, every id handed out so far is in the file (or was lost with its
        // process): go on after the highest; otherwise after the blocks the others claimed.
        nextId = alive.isEmpty() ? HistoryOwners.claimIdsFrom(jobsDir, contents.maxId() + 1, ID_BLOCK)
                : HistoryOwners.claimIds(jobsDir, contents.maxId() + 1, ID_BLOCK);
        lastId = nextId + ID_BLOCK;

        if (alive.isEmpty() && elsewhere.isEmpty()
                && contents.lines() + interrupted.size() > (long) COMPACT_FACTOR * retained) {
            HistoryFile.rewrite(file, kept);
            linesInFile = kept.size();
            channel = openAppend();
        } else {
            channel = openAppend();
            List<byte[]> lines = new ArrayList<>();
            if (!contents.endsClean()) {
                lines.add(new byte[] {'\n'});   // end the torn line so the next record starts clean
            }
            interrupted.forEach(t -> lines.add(HistoryCodec.encode(t, owners.token)));
            HistoryFile.writeAll(channel, lines);
            if (!interrupted.isEmpty()) {
                channel.force(false);
            }
            linesInFile = contents.lines() + interrupted.size();
        }
        return kept;
    }

    private synchronized void giveBackIds() {
        try {
            long end = lastId;
            long unused = nextId;
            HistoryOwners.exclusive(jobsDir, () -> {
                HistoryOwners.giveBack(jobsDir, end, unused);
                return null;
            });
            nextId = lastId; // nothing more from this block
        } catch (IOException e) {
            lastError = "giving back job ids in " + jobsDir + ": " + e.getMessage();
        }
    }

    /**
     * The id of a new job: from a block of {@value #ID_BLOCK} that no other process uses (a new
     * block is claimed under the history lock when one runs out). Called under the scheduler's lock.
     */
    private synchronized long nextId() {
        if (nextId >= lastId) {
            try {
                long from = nextId;
                nextId = HistoryOwners.exclusive(jobsDir, () -> HistoryOwners.claimIds(jobsDir, from, ID_BLOCK));
            } catch (IOException e) {
                lastError = "claiming job ids in " + jobsDir + ": " + e.getMessage();
                // go on from where this history was; another process's ids may then collide
                lastId = nextId + ID_BLOCK;
                return nextId++;
            }
            lastId = nextId + ID_BLOCK;
        }
        return nextId++;
    }

    /** Opens (or creates) the history at {@code file}, keeping {@value #DEFAULT_RETAINED_JOBS} jobs. */
    public static JobHistory open(Path file) {
        return open(file, DEFAULT_RETAINED_JOBS);
    }

    /**
     * Opens (or creates) the history at {@code file}, keeping the latest state of the newest
     * {@code retainedJobs} jobs. Content problems never throw: see the class description.
     *
     * @throws UncheckedIOException when the folder cannot be made or the file cannot be written
     */
    public static JobHistory open(Path file, int retainedJobs) {
        Objects.requireNonNull(file, "file");
        if (retainedJobs < 1) {
            throw new IllegalArgumentException("retainedJobs must be at least 1, got " + retainedJobs);
        }
        try {
            return new JobHistory(file, retainedJobs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the job history " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * The jobs read at opening, by id: the latest recorded state of each, the interrupted ones
     * already {@link TaskStatus#INTERRUPTED}; at most the retained number, the newest.
     */
    public List<TaskInfo> tasks() {
        return tasks;
    }

    /** Lines skipped at opening because they were not a whole, valid record. */
    public long skippedLines() {
        return skipped;
    }

    /** Where a file that could not be read at all was moved to, if that happened at opening. */
    public Optional<Path> damagedFile() {
        return Optional.ofNullable(damaged);
    }

    /** Records lost because the write queue was full or the history was closed. */
    public long droppedRecords() {
        return dropped.get();
    }

    /** The last write error, if any (the history goes on trying with later records). */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Restores the jobs read at opening into {@code scheduler} (see
     * {@link ParallelScheduler#restore}) and records its events from now on. Call it once, before
     * adding tasks to the scheduler.
     *
     * @throws IllegalStateException when already attached or closed, or the scheduler has tasks
     */
    public synchronized void attach(ParallelScheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        if (closed || subscription != null) {
            throw new IllegalStateException(closed ? "the job history is closed" : "the job history is attached already");
        }
        scheduler.restore(tasks, this::nextId);
        subscription = scheduler.subscribe(this::onEvent);
    }

    /**
     * Waits until every record queued before this call is written (not forced to disk).
     *
     * @return false when that did not happen within the timeout, or the history is closed
     */
    public boolean flush(long timeout, TimeUnit unit) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        if (!writer.isAlive() || !queue.offer(done, timeout, unit)) {
            return false;
        }
        return done.await(timeout, unit);
    }

    /**
     * Stops recording, writes what is queued, forces it to disk and closes the file; waits up to
     * 10 s for the writer. Closing twice is harmless.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (subscription != null) {
                subscription.close();
            }
        }
        try {
            if (queue.offer(STOP, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                writer.join(CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Jobs cleared from the queue, to be left out from now on. */
    private record Removal(List<Long> ids) {
    }

    /**
     * Records that these jobs were cleared from the queue: they do not come back at the next
     * start. Returns at once; the record is written with the others.
     */
    public void forget(Collection<Long> ids) {
        if (!ids.isEmpty() && !queue.offer(new Removal(List.copyOf(ids)))) {
            dropped.incrementAndGet();
        }
    }

    private void onEvent(JobEvent e) {
        TaskInfo t = switch (e) {
            case JobEvent.Submitted x -> x.task();
            case JobEvent.Started x -> x.task();
            case JobEvent.Retrying x -> x.task();
            case JobEvent.Finished x -> x.task();
            case JobEvent.Progressed x -> null;
        };
        if (t != null && !queue.offer(t)) {
            dropped.incrementAndGet();
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(BATCH);
        List<byte[]> lines = new ArrayList<>(BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;   // nobody interrupts this thread; leave quietly if someone does
            }
            queue.drainTo(batch, BATCH - 1);
            List<CountDownLatch> flushed = new ArrayList<>();
            for (Object o : batch) {
                switch (o) {
                    case TaskInfo t -> encode(t, lines);
                    case Removal r -> r.ids().forEach(id -> lines.add(HistoryCodec.encodeRemoved(id)));
                    case CountDownLatch l -> flushed.add(l);
                    default -> stop = true;
                }
            }
            write(lines);
            flushed.forEach(CountDownLatch::countDown);
            batch.clear();
            lines.clear();
        }
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            lastError = "closing " + file + ": " + e.getMessage();
        } finally {
            giveBackIds();
            owners.close();
        }
        // records offered after the stop are not written
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof CountDownLatch l) {
                l.countDown();
            } else if (o instanceof TaskInfo) {
                dropped.incrementAndGet();
            }
        }
    }

    private void encode(TaskInfo t, List<byte[]> lines) {
        try {
            lines.add(HistoryCodec.encode(t, owners.token));
        } catch (RuntimeException e) {
            lastError = "recording task " + t.id() + ": " + e.getMessage();
            dropped.incrementAndGet();
        }
    }

    private void write(List<byte[]> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            HistoryFile.writeAll(channel, lines);
            linesInFile += lines.size();
        } catch (IOException | RuntimeException e) {
            lastError = "writing " + file + ": " + e.getMessage();
            dropped.addAndGet(lines.size());
            return;
        }
        if (linesInFile > (long) COMPACT_FACTOR * retained) {
            try {
                compact();
            } catch (IOException | RuntimeException e) {
                // the appended file is still whole; try again after as many lines once more
                lastError = "compacting " + file + ": " + e.getMessage();
                linesInFile = retained;
            }
        }
    }

    /**
     * Rewrites the file with the latest state of the newest retained jobs (writer thread), under
     * the history's lock and only while no other process has the history open: their appends go
     * to the file they opened, which a rewrite would replace. Otherwise it is tried again later.
     */
    private void compact() throws IOException {
        boolean done = HistoryOwners.exclusive(jobsDir, () -> {
            if (!owners.othersAlive().isEmpty()) {
                return false;
            }
            channel.close();
            try {
                HistoryFile.Contents c = HistoryFile.read(file);
                List<TaskInfo> keep = HistoryFile.newest(c.latest(), retained);
                HistoryFile.rewrite(file, keep);
                linesInFile = keep.size();
            } finally {
                channel = openAppend();
            }
            return true;
        });
        if (!done) {
            linesInFile = retained; // another process has it open: look again after as many lines once more
        }
    }

    private FileChannel openAppend() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The final record of a job the process left pending or running. */
    private static TaskInfo interrupt(TaskInfo t, Instant lastSeen) {
        String error = t.status() == TaskStatus.RUNNING ? INTERRUPTED_RUNNING : INTERRUPTED_WAITING;
        return new TaskInfo(t.id(), t.name(), t.kind(), t.priority(), TaskStatus.INTERRUPTED, t.createdAt(),
                t.startedAt(), lastSeen, t.dependencies(), t.resultSummary(), error, t.attempts(), t.progressDone(),
                t.progressTotal(), t.recipe(), true);
    }

    private static void moveAside(Path file, Path to) {
        try {
            Files.move(file, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // appending below then fails and is reported by lastError
            }
        }
    }
}
