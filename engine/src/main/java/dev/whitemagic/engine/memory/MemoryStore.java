package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The memories of one data directory, in WhiteMagic's folder format, with a Lucene search index.
 *
 * <p>The markdown files under {@code home/memory/{short_term,long_term,archive}} are the source of
 * truth. The index under {@code home/index/memory} is derived: built on first open, updated on
 * every change, and rebuilt by itself when it is missing, stale (its commit carries a fingerprint
 * of the file names, sizes and times it was built from) or damaged. Files edited outside the app
 * are picked up on the next {@link #open} or {@link #refresh()}. Every write is atomic (temp file
 * + move); {@code memory/metadata.json} is rewritten within a second of a change (see
 * {@link #flush()}).
 *
 * <p>Thread-safe: reads and searches run concurrently; changes are serialised. One store per
 * data directory per process (a second process gets an in-memory index, see {@link #problems()}).
 *
 * <pre>{@code
 * try (MemoryStore store = MemoryStore.open(home, executor)) {
 *     Memory m = store.create(MemoryDraft.of("Deploy notes", "Run the migration first.", "ops"));
 *     store.update(MemoryUpdate.of(m.id()).addTags("deploy"));
 *     List<SearchHit> hits = store.search("migrat*", null, List.of("ops"), false, 10);
 *     store.delete(m.id(), false);        // to memory/archive
 *     store.restore(m.id());              // back to short_term
 * }
 * }</pre>
 */
public final class MemoryStore implements AutoCloseable {

    static final String ARCHIVED_FROM = "archived_from";
    static final String ARCHIVED_AT = "archived_at";

    private final Path home;
    final Path memoryDir;
    private final Path indexDir;
    final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final MemoryQueries queries = new MemoryQueries(new EnglishAnalyzer());
    final MetadataFile metadata;
    final BatchStaging staging;
    volatile MemoryIndex index;
    volatile List<String> problems = List.of();
    private volatile boolean closed;
    /** Set first by {@link #close()}: a write waiting for another process's lock gives up. */
    private volatile boolean closing;

    /**
     * The writer lock shared with other processes on this folder (see {@link StoreLock}). A write
     * takes it, catches up with what others wrote, changes, and keeps it until its flush, at most
     * {@value #FLUSH_DELAY_MS} ms later: a burst of changes is one session, and no process keeps
     * the others waiting for long.
     */
    private final StoreLock storeLock;
    private boolean holding; // guarded by lock
    private boolean dirty; // this session changed something; guarded by lock
    /** The last {@value #GENERATION} seen or written: another value means another process wrote since. */
    private volatile String generationSeen;
    static final String GENERATION = ".generation";
    private volatile Consumer<String> onWait = line -> {};
    private volatile String label = "a WhiteMagic process";
    private volatile Duration waitLimit = DEFAULT_WAIT_LIMIT;
    /** How long a write waits for another process's write before it fails (named in the message). */
    public static final Duration DEFAULT_WAIT_LIMIT = Duration.ofMinutes(30);

    /**
     * The index commit (several fsyncs) and {@code metadata.json} (the whole index of memories)
     * are written {@value #FLUSH_DELAY_MS} ms after a change, so that a burst of changes costs one
     * flush; at once after {@value #FLUSH_EVERY} unflushed changes, a consolidation, {@link #flush()}
     * or {@link #close()}. The memory files themselves are written at once. Searches see changes at
     * once. After a crash the committed fingerprint does not match the files, so the index (and
     * metadata.json) are rebuilt on open: nothing is lost.
     */
    static final long FLUSH_DELAY_MS = 1000;
    static final int FLUSH_EVERY = 64;
    private int unflushed; // guarded by lock
    private boolean flushScheduled; // guarded by lock

    /** A loaded memory and the hash of its file's (path, size, time). */
    record Entry(Memory memory, long hash) {}

    private MemoryStore(Path home, Executor executor) {
        this.home = home.toAbsolutePath().normalize();
        this.memoryDir = this.home.resolve("memory");
        this.indexDir = this.home.resolve("index").resolve("memory");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.metadata = new MetadataFile(memoryDir);
        this.staging = new BatchStaging(memoryDir);
        this.storeLock = StoreLock.of(memoryDir);
    }

    /**
     * Opens (creating the folders if needed) the store under {@code home}: reads the three
     * folders in parallel on {@code executor}. If no other process is writing to the store just
     * now, it also finishes or discards the batches of processes that died in the middle, removes
     * their temp files and brings the index up to date; otherwise the next writer does.
     *
     * @throws UncheckedIOException if the memory folders cannot be created
     */
    public static MemoryStore open(Path home, Executor executor) {
        MemoryStore s = new MemoryStore(home, executor);
        try {
            for (MemoryType t : MemoryType.values()) {
                Files.createDirectories(s.memoryDir.resolve(t.folder()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + s.memoryDir, e);
        }
        List<String> notes = new ArrayList<>();
        boolean writable = Files.isWritable(s.memoryDir);
        s.index = MemoryIndex.open(s.indexDir);
        if (s.index.note != null && writable) {
            notes.add(s.index.note); // in a read-only store an index in memory is no news
        }
        s.lock.lock();
        try {
            s.generationSeen = s.readGeneration();
            if (!writable) {
                notes.add(s.memoryDir + " is read-only: memories can be listed, shown and searched, not changed");
            }
            boolean locked = false;
            if (writable) {
                try {
                    locked = s.storeLock.tryAcquire("opening the store");
                } catch (IOException e) {
                    notes.add("cannot take the store's writer lock (" + e.getMessage() + "); opened for reading");
                }
            }
            if (locked) {
                s.holding = true;
                try {
                    notes.addAll(s.staging.recover());
                    notes.addAll(AtomicFiles.removeLeftovers(s.memoryDir));
                    notes.addAll(s.metadata.checkOnOpen()); // a damaged metadata.json set aside (then written)
                    String fresh = s.index.beginWrite();
                    if (fresh != null) {
                        notes.add(fresh);
                    }
                    boolean recovered = !notes.isEmpty();
                    String indexed = s.index.fingerprint();
                    MemorySync.sync(s, true, notes);
                    s.dirty = recovered || !Objects.equals(indexed, s.index.fingerprint());
                } catch (IOException e) {
                    // a full disk, say: the store can still be read
                    notes.add("could not bring the store up to date (" + SafeFiles.describe(e) + "); opened for reading");
                    locked = false;
                } finally {
                    s.endSessionLocked();
                }
            }
            if (!locked) {
                MemorySync.sync(s, true, notes);
                if ((!writable || s.index.fingerprint() == null) && !s.fingerprint().equals(s.index.fingerprint())) {
                    // no one can bring the index on disk up to date: search an index of its own
                    s.index.close();
                    s.index = MemoryIndex.inMemory("the search index is kept in memory (the one on disk cannot be brought up to date)");
                    s.index.rebuild(s.byId.values().stream().map(Entry::memory).toList(), s.executor);
                    s.index.commit(s.fingerprint());
                    if (writable) {
                        notes.add(s.index.note);
                    }
                    s.problems = List.copyOf(notes);
                }
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            throw new UncheckedIOException("cannot open the memory store in " + s.home + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        } finally {
            s.lock.unlock();
        }
        return s;
    }

    /**
     * Where "waiting for …" lines go when a write waits for another process's write (after
     * {@code 200 ms}; again when the holder changes). The CLI prints them, the window shows them.
     */
    public void onWait(Consumer<String> listener) {
        this.onWait = Objects.requireNonNull(listener);
    }

    /** What this process is, in the line others print while they wait for it ("whitemagic memory import"). */
    public void describeAs(String label) {
        this.label = Objects.requireNonNull(label);
    }

    /** How long a write waits for another process's before it fails; default {@link #DEFAULT_WAIT_LIMIT}. */
    public void waitLimit(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("the wait limit must not be negative");
        }
        this.waitLimit = limit;
    }

    /** The data directory. */
    public Path home() {
        return home;
    }

    /** {@code home/memory}. */
    public Path memoryDir() {
        return memoryDir;
    }

    /**
     * Whether another process wrote to the store since this one last looked (one small file read);
     * the next {@link #list}, {@link #search} or {@link #read} takes those changes in. The window
     * polls it to refresh what it shows.
     */
    public boolean changedElsewhere() {
        return !closed && !Objects.equals(readGeneration(), generationSeen);
    }

    /** How many memories, archived included. */
    public int size() {
        return byId.size();
    }

    /**
     * What went wrong at the last open or refresh: unreadable files, a rebuilt index, a recovered
     * batch. Problems with one memory's content are on that memory ({@link Memory#warning()}).
     */
    public List<String> problems() {
        return problems;
    }

    /** Creates a memory: a new file {@code YYYYMMDD_HHMMSS_<slug>.md} (made unique) in its type's folder. */
    public Memory create(MemoryDraft draft) {
        String problem = draft.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return write("adding a memory", () -> createLocked(draft, Instant.now().truncatedTo(ChronoUnit.SECONDS), new HashSet<>()));
    }

    /** The memory with this id. */
    public Optional<Memory> read(String id) {
        catchUp();
        Entry e = byId.get(id);
        return e == null ? Optional.empty() : Optional.of(e.memory());
    }

    /**
     * Applies an update and saves the file (same file name; {@code updated} set).
     *
     * @return the memory after the change; empty if there is no such memory
     * @throws IllegalArgumentException if the update would leave an empty title
     */
    public Optional<Memory> update(MemoryUpdate update) {
        String problem = update.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return write("an edit", () -> {
            Entry old = byId.get(update.id());
            if (old == null) {
                return Optional.empty();
            }
            Entry e = writeFile(update.applyTo(old.memory(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
            index.upsert(e.memory());
            byId.put(e.memory().id(), e);
            return Optional.of(e.memory());
        });
    }

    /**
     * Deletes a memory: moves it to {@code memory/archive} (remembering where it was), or with
     * {@code permanent} removes its file.
     *
     * @return whether there was such a memory
     */
    public boolean delete(String id, boolean permanent) {
        return write(permanent ? "a delete" : "archiving a memory", () -> {
            Entry e = byId.get(id);
            if (e == null) {
                return false;
            }
            if (permanent) {
                Files.deleteIfExists(e.memory().path());
                byId.remove(id);
                index.delete(id);
            } else {
                archiveLocked(id);
            }
            return true;
        });
    }

    /**
     * Moves an archived memory back to the folder it was archived from (short-term if unknown).
     *
     * @return the memory; unchanged if it was not archived; empty if there is no such memory
     */
    public Optional<Memory> restore(String id) {
        return write("a restore", () -> {
            Entry e = byId.get(id);
            if (e == null) {
                return Optional.empty();
            }
            if (e.memory().type() != MemoryType.ARCHIVE) {
                return Optional.of(e.memory());
            }
            Map<String, String> extra = new LinkedHashMap<>(e.memory().extra());
            MemoryType target = MemoryType.fromFolder(Objects.requireNonNullElse(extra.remove(ARCHIVED_FROM), ""))
                    .filter(t -> t != MemoryType.ARCHIVE).orElse(MemoryType.SHORT_TERM);
            extra.remove(ARCHIVED_AT);
            return Optional.of(moveTo(e, target, extra));
        });
    }

    /** The memory with this id as this store knows it, without looking for others' changes first. */
    Memory current(String id) {
        Entry e = byId.get(id);
        return e == null ? null : e.memory();
    }

    /** Whether this store holds the folder's writer lock (it may write metadata.json). Under the lock. */
    boolean holdsLock() {
        return holding;
    }

    /** Whether changes of this write session are not committed yet. Under the lock. */
    boolean hasUnflushed() {
        return unflushed > 0;
    }

    /** Archives a memory, remembering where it was. Under the lock; no commit. */
    Memory archiveLocked(String id) throws IOException {
        Entry e = byId.get(id);
        if (e.memory().type() == MemoryType.ARCHIVE) {
            return e.memory();
        }
        Memory copy = archivedCopy(e.memory(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return moveTo(e, MemoryType.ARCHIVE, copy.extra());
    }

    /** The memory as it is once archived at {@code now}: in the archive folder, remembering where it was. */
    Memory archivedCopy(Memory m, Instant now) {
        Map<String, String> extra = new LinkedHashMap<>(m.extra());
        extra.put(ARCHIVED_FROM, m.type().folder());
        extra.put(ARCHIVED_AT, now.toString());
        return movedCopy(m, MemoryType.ARCHIVE).withExtra(extra);
    }

    /** The memory as it is in the folder of {@code target}, same file name. */
    Memory movedCopy(Memory m, MemoryType target) {
        return m.withType(target, memoryDir.resolve(target.folder()).resolve(m.path().getFileName()));
    }

    /**
     * Applies a set of new files and removals as one batch, all or nothing even across a kill
     * (see {@link BatchStaging}), and takes them into memory and index. Under the lock; no commit.
     *
     * @param written the memories whose files are written (new ones, or moved copies of others,
     *                which keep the permissions of the file they come from)
     * @param removed the files removed after the writes (the originals of moved copies)
     */
    void applyBatch(List<Memory> written, List<Path> removed) throws IOException {
        for (Memory m : written) {
            if (Files.exists(m.path())) {
                throw new IOException("cannot write " + m.id() + ": " + m.path() + " already exists");
            }
        }
        Map<String, Path> originals = new HashMap<>();
        for (Memory m : written) {
            Entry before = byId.get(m.id());
            if (before != null) {
                originals.put(m.id(), before.memory().path());
            }
        }
        List<BatchStaging.Staged> staged = new ArrayList<>(written.size());
        for (Memory m : written) {
            staged.add(new BatchStaging.Staged(m.path(), MemoryFormat.write(m), originals.get(m.id())));
        }
        staging.commit(staged, removed);
        for (Memory m : written) {
            put(entryFor(m));
        }
    }

    /** Creates a memory. Under the lock; no commit. */
    Memory createLocked(MemoryDraft draft, Instant now, Set<String> reserved) throws IOException {
        String problem = draft.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Entry e = writeFile(newMemory(draft, now, reserved));
        putNew(e);
        return e.memory();
    }

    /**
     * The memories of one type ({@code null}: all types, archive only with {@code includeArchived}),
     * in the given order.
     */
    public List<Memory> list(MemoryType type, boolean includeArchived, MemorySort sort) {
        catchUp();
        Comparator<Memory> order = switch (sort == null ? MemorySort.NEWEST_FIRST : sort) {
            case NEWEST_FIRST -> Comparator.comparing(Memory::created).reversed();
            case OLDEST_FIRST -> Comparator.comparing(Memory::created);
            case TITLE -> Comparator.comparing(Memory::title, String.CASE_INSENSITIVE_ORDER);
        };
        return byId.values().stream().map(Entry::memory)
                .filter(m -> type != null ? m.type() == type : includeArchived || m.type() != MemoryType.ARCHIVE)
                .sorted(order.thenComparing(Memory::id)).toList();
    }

    /**
     * Full-text search, best first. {@code query} uses the classic Lucene syntax over title and
     * body: words (any may match; more matches rank higher), {@code "phrases"}, {@code prefix*},
     * {@code fuzzy~}, {@code +required -excluded}, AND/OR/NOT; invalid syntax is searched as plain
     * text; a blank query matches every memory. Ranked by BM25 with a title match counting
     * {@value MemoryQueries#TITLE_BOOST} times a body match.
     *
     * @param type            only this type, or {@code null} for all (archive only if {@code includeArchived})
     * @param tags            every one of these tags is required (ignoring case); empty for none
     * @param includeArchived whether archived memories are searched when {@code type} is {@code null}
     * @param limit           at most this many hits (at least 1)
     */
    public List<SearchHit> search(String query, MemoryType type, Collection<String> tags, boolean includeArchived,
            int limit) {
        catchUp();
        Query main = queries.parse(query);
        Query full = MemoryQueries.filtered(main, type, tags, includeArchived);
        int n = Math.max(1, Math.min(limit, byId.size()));
        List<MemoryIndex.Scored> scored;
        try {
            scored = index.search(full, n);
        } catch (IOException | AlreadyClosedException e) {
            if (closed) {
                throw new IllegalStateException("memory store is closed");
            }
            rebuildIndex("index failed during a search (" + e.getClass().getSimpleName() + "); rebuilt");
            try {
                scored = index.search(full, n);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
        List<SearchHit> hits = new ArrayList<>(scored.size());
        PreviewMarker previews = queries.previews(main);
        for (MemoryIndex.Scored s : scored) {
            Entry e = byId.get(s.id());
            if (e != null) {
                Memory m = e.memory();
                hits.add(new SearchHit(m.id(), m.title(), m.type(), m.tags(), m.created(), s.score(),
                        previews.preview(m.content())));
            }
        }
        return hits;
    }

    /**
     * Re-reads the folders: files added, changed (size or time) or removed outside the store are
     * taken in, and the index follows.
     *
     * @return how many memories were added, changed or removed
     */
    public int refresh() {
        return write("a refresh", () -> MemorySync.sync(this, false, new ArrayList<>()));
    }

    /** Flushes, lets go of the writer lock and closes the index. The files need no closing. */
    @Override
    public void close() {
        closing = true;
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    if (holding && unflushed > 0) {
                        flushLocked(null);
                    }
                } finally {
                    try {
                        if (holding) {
                            endSessionLocked();
                        }
                    } finally {
                        index.close();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    // ---- internals shared with the batch and consolidation code ----

    interface Change<T> {
        T run() throws IOException;
    }

    /** Runs a change in a write session; the index commit and metadata.json follow (see {@link #FLUSH_DELAY_MS}). */
    <T> T write(String what, Change<T> change) {
        return write(what, change, null);
    }

    /**
     * Runs a change under the lock, in a write session (the writer lock of the folder held; it
     * waits for another process's session to end, saying so); flushes at once, with
     * {@code logEntry} (filled by the change) added to the log, when that is given.
     */
    <T> T write(String what, Change<T> change, Map<String, Object> logEntry) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("memory store is closed");
            }
            if (!holding) {
                beginSessionLocked(what);
            }
            if (!dirty) {
                dirty = true;
                try {
                    writeGeneration(); // before the first change: a reader that sees it re-reads the folders
                } catch (IOException e) {
                    addProblem("could not tell other processes about a change: " + SafeFiles.describe(e));
                }
            }
            T out;
            boolean done = false;
            try {
                out = change.run();
                done = true;
            } finally {
                if (!done && unflushed == 0 && !flushScheduled) {
                    endSessionLocked(); // the change failed and nothing waits to be flushed: let others write now
                }
            }
            unflushed++;
            if (logEntry != null || unflushed >= FLUSH_EVERY) {
                flushLocked(logEntry);
            } else {
                index.refresh();
                scheduleFlush();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the folder's writer lock (waiting for another process if need be) and catches up with
     * what was written since this store last looked: batches of dead processes, files written by
     * others, an index someone else committed or left stale. Under the lock.
     */
    private void beginSessionLocked(String what) throws IOException {
        try {
            storeLock.acquire(what + " (" + label + ")", waitLimit, onWait, () -> closing);
        } catch (IOException e) {
            if (!Files.isWritable(memoryDir)) {
                throw new IOException(memoryDir + " is read-only; nothing was changed", e);
            }
            throw e;
        }
        holding = true;
        try {
            List<String> notes = new ArrayList<>(staging.recover());
            String fresh = index.beginWrite();
            if (fresh != null) {
                notes.add(fresh);
            }
            String gen = readGeneration();
            String indexed = index.fingerprint();
            if (!notes.isEmpty() || !Objects.equals(gen, generationSeen) || !fingerprint().equals(indexed)) {
                boolean recovered = !notes.isEmpty();
                int changes = MemorySync.sync(this, false, notes);
                // others should look again if this session changed files or the index before its change
                dirty |= recovered || changes > 0 || !Objects.equals(indexed, index.fingerprint());
            }
            generationSeen = gen;
        } catch (IOException | RuntimeException e) {
            endSessionLocked();
            throw e;
        }
    }

    /** Closes the writer and lets go of the lock; a new generation tells readers when something changed. Under the lock. */
    private void endSessionLocked() {
        try {
            index.endWrite();
        } catch (IOException | RuntimeException e) {
            addProblem("could not close the index writer: " + e.getMessage());
        } finally {
            try {
                if (dirty) {
                    writeGeneration();
                }
            } catch (IOException e) {
                addProblem("could not tell other processes about the change: " + e.getMessage());
            } finally {
                dirty = false;
                holding = false;
                unflushed = 0;
                storeLock.release();
            }
        }
    }

    /**
     * Reads what other processes committed since this store last looked (when the folder's
     * generation moved): the folders are re-read and the index reopened at its newest commit.
     * Skipped while this store writes (it is then the only writer) or is busy.
     */
    void catchUp() {
        if (closed || Objects.equals(readGeneration(), generationSeen) || !lock.tryLock()) {
            return;
        }
        try {
            String gen = readGeneration();
            if (!closed && !holding && !Objects.equals(gen, generationSeen)) {
                MemorySync.sync(this, false, new ArrayList<>());
                generationSeen = gen;
            }
        } catch (IOException | RuntimeException e) {
            addProblem("could not read what another process wrote: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** The folder's generation: a new random value after each write session that changed something. */
    private String readGeneration() {
        try {
            return Files.readString(memoryDir.resolve(GENERATION), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void writeGeneration() throws IOException {
        String g = Long.toHexString(ThreadLocalRandom.current().nextLong()) + " " + ProcessHandle.current().pid();
        // No fsync: the value only tells live readers to look again; after a crash all reopen.
        Path tmp = memoryDir.resolve(AtomicFiles.TEMP_PREFIX + "generation-" + UUID.randomUUID());
        try {
            Files.writeString(tmp, g, StandardCharsets.UTF_8);
            AtomicFiles.move(tmp, memoryDir.resolve(GENERATION));
        } finally {
            Files.deleteIfExists(tmp);
        }
        generationSeen = g;
    }

    private void addProblem(String problem) {
        List<String> p = new ArrayList<>(problems);
        p.add(problem);
        problems = List.copyOf(p);
    }

    /** Commits the index and writes {@code metadata.json} now, if anything changed since the last time. */
    public void flush() {
        lock.lock();
        try {
            if (!closed && holding) {
                if (unflushed > 0) {
                    flushLocked(null);
                } else {
                    endSessionLocked();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Commits the index, writes metadata.json and ends the write session. */
    private void flushLocked(Map<String, Object> logEntry) throws IOException {
        try {
            // Both mostly wait for fsyncs: metadata.json is written on a virtual thread meanwhile.
            List<Memory> all = byId.values().stream().map(Entry::memory).toList();
            CompletableFuture<Void> meta = new CompletableFuture<>();
            Thread.ofVirtual().name("wm-metadata").start(() -> {
                try {
                    metadata.write(all, logEntry);
                    meta.complete(null);
                } catch (Throwable t) {
                    meta.completeExceptionally(t);
                }
            });
            try {
                index.commit(fingerprint());
            } finally {
                try {
                    meta.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw e;
                }
            }
        } finally {
            unflushed = 0;
            endSessionLocked();
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            Executor later = CompletableFuture.delayedExecutor(FLUSH_DELAY_MS, TimeUnit.MILLISECONDS, executor);
            try {
                later.execute(this::scheduledFlush);
            } catch (RuntimeException e) {
                flushScheduled = false;
                try {
                    flushLocked(null); // executor refused (shutting down): flush now rather than hold the lock
                } catch (IOException io) {
                    addProblem("could not write the index or metadata.json: " + io.getMessage());
                }
            }
        }
    }

    private void scheduledFlush() {
        lock.lock();
        try {
            flushScheduled = false;
            if (!closed && holding) {
                if (unflushed > 0) {
                    flushLocked(null);
                } else {
                    endSessionLocked();
                }
            }
        } catch (IOException | RuntimeException e) {
            addProblem("could not write the index or metadata.json: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** A new memory with a unique file name; {@code reserved} holds names taken by the same batch. */
    Memory newMemory(MemoryDraft d, Instant now, Set<String> reserved) {
        return newMemory(d, now, reserved, this::onDisk);
    }

    /** The id a new memory would get before checking that it is free: {@code YYYYMMDD_HHMMSS_<slug>}. */
    static String baseId(MemoryDraft d, Instant now) {
        Instant created = d.created() != null ? d.created().truncatedTo(ChronoUnit.SECONDS) : now;
        String base = MemoryFormat.fileName(created, d.title());
        return base.substring(0, base.length() - 3);
    }

    /**
     * As {@link #newMemory(MemoryDraft, Instant, Set)}, asking {@code onDisk} whether a file of
     * that id exists in any folder (a batch checks its base ids in parallel beforehand).
     */
    Memory newMemory(MemoryDraft d, Instant now, Set<String> reserved, Predicate<String> onDisk) {
        Instant created = d.created() != null ? d.created().truncatedTo(ChronoUnit.SECONDS) : now;
        String base = baseId(d, now);
        String id = base;
        for (int n = 2; byId.containsKey(id) || reserved.contains(id) || onDisk.test(id); n++) {
            id = base + "_" + n;
        }
        reserved.add(id);
        Path path = memoryDir.resolve(d.type().folder()).resolve(id + ".md");
        return new Memory(id, d.title().strip(), d.content(), d.tags(), d.type(), created, null, path, d.extra(), null);
    }

    /** Whether a file {@code id.md} exists in any of the folders. */
    boolean onDisk(String id) {
        for (MemoryType t : MemoryType.values()) {
            if (Files.exists(memoryDir.resolve(t.folder()).resolve(id + ".md"))) {
                return true;
            }
        }
        return false;
    }

    /** Refuses to write into a type folder that is a symbolic link out of the store. */
    static void requireInside(Path target) throws IOException {
        if (FolderScan.leadsOut(target.getParent())) {
            throw new IOException(target.getParent() + " is a symbolic link out of the store; nothing is written there");
        }
    }

    /** Writes a memory's file atomically at {@code m.path()}; the entry with its new hash. */
    Entry writeFile(Memory m) throws IOException {
        requireInside(m.path());
        AtomicFiles.write(m.path(), MemoryFormat.write(m).getBytes(StandardCharsets.UTF_8));
        return entryFor(m);
    }

    Entry entryFor(Memory m) throws IOException {
        long size = Files.size(m.path());
        long mtime = Files.getLastModifiedTime(m.path()).toMillis();
        return new Entry(m, new FolderScan.Found(m.path(), m.type(), size, mtime).hash(memoryDir));
    }

    void put(Entry e) throws IOException {
        byId.put(e.memory().id(), e);
        index.upsert(e.memory());
    }

    /** A memory just created (its id is new). */
    void putNew(Entry e) throws IOException {
        byId.put(e.memory().id(), e);
        index.add(e.memory());
    }

    private Memory moveTo(Entry e, MemoryType target, Map<String, String> extra) throws IOException {
        Memory old = e.memory();
        Path to = memoryDir.resolve(target.folder()).resolve(old.path().getFileName());
        if (Files.exists(to)) {
            throw new IOException("cannot move " + old.id() + ": " + to + " already exists");
        }
        Memory m = old.withType(target, to).withExtra(extra);
        requireInside(to);
        AtomicFiles.write(to, MemoryFormat.write(m).getBytes(StandardCharsets.UTF_8), true, old.path());
        Entry moved = entryFor(m);
        Files.deleteIfExists(old.path());
        put(moved);
        return moved.memory();
    }

    String fingerprint() {
        Fingerprint f = new Fingerprint();
        byId.values().forEach(e -> f.add(e.hash()));
        return f.toString();
    }

    /**
     * After a search found the index damaged: rebuilds it in a write session of its own (waiting
     * for another process's session to end, as any write does).
     */
    private void rebuildIndex(String note) {
        write("rebuilding the search index", () -> {
            index.restartEmpty();
            index.rebuild(byId.values().stream().map(Entry::memory).toList(), executor);
            addProblem(note);
            return null;
        });
        flush();
    }
}
