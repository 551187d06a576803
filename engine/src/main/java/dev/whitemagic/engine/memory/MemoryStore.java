package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
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
    private final MemoryQueries queries = new MemoryQueries(new org.apache.lucene.analysis.en.EnglishAnalyzer());
    final MetadataFile metadata;
    final BatchStaging staging;
    volatile MemoryIndex index;
    volatile List<String> problems = List.of();
    private volatile boolean closed;

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
    }

    /**
     * Opens (creating the folders if needed) the store under {@code home}: finishes or discards an
     * interrupted batch, reads the three folders in parallel on {@code executor}, and brings the
     * index up to date.
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
        List<String> notes = new ArrayList<>(s.staging.recover());
        notes.addAll(s.metadata.checkOnOpen()); // a damaged metadata.json set aside (then written); a read-only folder said
        s.index = MemoryIndex.open(s.indexDir);
        if (s.index.note != null) {
            notes.add(s.index.note);
        }
        s.lock.lock();
        try {
            MemorySync.sync(s, true, notes);
        } catch (IOException e) {
            s.close();
            throw new UncheckedIOException("cannot open the memory store in " + s.home, e);
        } finally {
            s.lock.unlock();
        }
        return s;
    }

    /** The data directory. */
    public Path home() {
        return home;
    }

    /** {@code home/memory}. */
    public Path memoryDir() {
        return memoryDir;
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
        return write(() -> createLocked(draft, Instant.now().truncatedTo(ChronoUnit.SECONDS), new HashSet<>()));
    }

    /** The memory with this id. */
    public Optional<Memory> read(String id) {
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
        return write(() -> {
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
        return write(() -> {
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
        return write(() -> {
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

    /** Moves a memory to another folder, keeping its id. Under the lock; no commit. */
    Memory moveLocked(String id, MemoryType target) throws IOException {
        Entry e = byId.get(id);
        return e.memory().type() == target ? e.memory() : moveTo(e, target, e.memory().extra());
    }

    /** Archives a memory, remembering where it was. Under the lock; no commit. */
    Memory archiveLocked(String id) throws IOException {
        Entry e = byId.get(id);
        if (e.memory().type() == MemoryType.ARCHIVE) {
            return e.memory();
        }
        Map<String, String> extra = new LinkedHashMap<>(e.memory().extra());
        extra.put(ARCHIVED_FROM, e.memory().type().folder());
        extra.put(ARCHIVED_AT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return moveTo(e, MemoryType.ARCHIVE, extra);
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
        return write(() -> MemorySync.sync(this, false, new ArrayList<>()));
    }

    /** Closes the index. The files need no closing. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    if (unflushed > 0) {
                        flushLocked(null);
                    }
                } finally {
                    index.close();
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

    /** Runs a change under the lock; the index commit and metadata.json follow (see {@link #FLUSH_DELAY_MS}). */
    <T> T write(Change<T> change) {
        return write(change, null);
    }

    /** As {@link #write(Change)}, flushing at once with {@code logEntry} (filled by the change) added to the log. */
    <T> T write(Change<T> change, Map<String, Object> logEntry) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("memory store is closed");
            }
            T out = change.run();
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

    /** Commits the index and writes {@code metadata.json} now, if anything changed since the last time. */
    public void flush() {
        lock.lock();
        try {
            if (!closed && unflushed > 0) {
                flushLocked(null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    private void flushLocked(Map<String, Object> logEntry) throws IOException {
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
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
        }
        unflushed = 0;
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            Executor later = CompletableFuture.delayedExecutor(FLUSH_DELAY_MS, TimeUnit.MILLISECONDS, executor);
            try {
                later.execute(this::scheduledFlush);
            } catch (RuntimeException e) {
                flushScheduled = false; // executor refused (shutting down): close() flushes
            }
        }
    }

    private void scheduledFlush() {
        lock.lock();
        try {
            flushScheduled = false;
            if (!closed && unflushed > 0) {
                flushLocked(null);
            }
        } catch (IOException | RuntimeException e) {
            List<String> p = new ArrayList<>(problems);
            p.add("could not write the index or metadata.json: " + e.getMessage());
            problems = List.copyOf(p);
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
    Memory newMemory(MemoryDraft d, Instant now, Set<String> reserved, java.util.function.Predicate<String> onDisk) {
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

    /** Writes a memory's file atomically at {@code m.path()}; the entry with its new hash. */
    Entry writeFile(Memory m) throws IOException {
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
        Entry moved = writeFile(old.withType(target, to).withExtra(extra));
        Files.deleteIfExists(old.path());
        put(moved);
        return moved.memory();
    }

    String fingerprint() {
        Fingerprint f = new Fingerprint();
        byId.values().forEach(e -> f.add(e.hash()));
        return f.toString();
    }

    private void rebuildIndex(String note) {
        lock.lock();
        try {
            MemoryIndex old = index;
            try {
                old.close();
            } catch (IOException | RuntimeException ignored) {
                // replaced below
            }
            index = MemoryIndex.openFresh(indexDir);
            index.rebuild(byId.values().stream().map(Entry::memory).toList(), executor);
            index.commit(fingerprint());
            List<String> p = new ArrayList<>(problems);
            p.add(note);
            problems = List.copyOf(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }
}
