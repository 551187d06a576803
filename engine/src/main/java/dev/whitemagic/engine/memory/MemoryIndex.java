package dev.whitemagic.engine.memory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index derived from the markdown files. Each commit carries the fingerprint of the
 * files it was built from, so a stale index is recognised on open. An index that cannot be opened
 * is deleted and opened empty (the store then rebuilds it); one locked by another process is
 * replaced by an in-memory index.
 */
final class MemoryIndex implements Closeable {

    static final String FINGERPRINT = "whitemagic.fingerprint";
    /**
     * What the documents hold, in the commit next to the fingerprint: an index of another format
     * (an older one, without the word-pair fields) counts as stale and is rebuilt.
     */
    static final String FORMAT = "whitemagic.indexFormat";
    static final String CURRENT_FORMAT = "2";
    /**
     * Documents buffered before a segment is written (Lucene's default is 16 MB): 256 MB, or a
     * quarter of the heap when that is less. The word-pair fields hold about as many distinct
     * terms as there are words: bigger segments write each term once for more documents and leave
     * fewer segments to merge and to search. Measured on 100,000 + 10,000 memories in two batches:
     * at 64 MB four segments, 35 s of CPU to create them, ~300 µs of CPU a query; at 256 MB two
     * segments, 24 s, ~250 µs (at 16 MB opening with the index deleted took a fifth more CPU than
     * at 64). A ceiling, not an allocation: it holds only the documents added since the last flush.
     */
    static final double RAM_BUFFER_MB = Math.min(256, Runtime.getRuntime().maxMemory() / 4.0 / (1 << 20));
    static final String F_ID = "id";
    static final String F_TITLE = "title";
    static final String F_CONTENT = "content";
    static final String F_TYPE = "type";
    static final String F_TAG = "tag";

    /** The analyzer of the text fields (thread-safe; see {@link WordPairs}). */
    private static final Analyzer ANALYZER = new EnglishAnalyzer();
    private final Directory directory;
    /** The folder on disk, or {@code null} for an in-memory index (which always has its writer). */
    private final Path dir;
    /**
     * Open only while this process holds the store's writer lock ({@link #beginWrite}); several
     * processes share the index folder, and only the lock holder may have a Lucene writer on it.
     */
    private volatile IndexWriter writer;
    /** Near-real-time searchers of the writer while writing; of the last commit on disk otherwise. */
    private volatile ReferenceManager<IndexSearcher> searchers;
    /** Searches hold the read side; swapping the searchers (writer opened or closed) the write side. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    /** Why the index on disk was not used as it was, or {@code null}. */
    final String note;

    private MemoryIndex(Directory directory, Path dir, IndexWriter writer, ReferenceManager<IndexSearcher> searchers,
            String note) {
        this.directory = directory;
        this.dir = dir;
        this.writer = writer;
        this.searchers = searchers;
        this.note = note;
    }

    /**
     * Opens the index in {@code dir} for reading (its last commit; none yet: empty). The writer
     * is opened by {@link #beginWrite}, under the store's lock. An index that cannot be read is
     * treated as empty and stale, so that the next lock holder rebuilds it.
     */
    static MemoryIndex open(Path dir) {
        Directory d;
        try {
            d = FSDirectory.open(dir);
        } catch (IOException | RuntimeException e) {
            return inMemory("index folder cannot be opened (" + e.getMessage() + "); using an in-memory index");
        }
        String note = null;
        ReferenceManager<IndexSearcher> searchers;
        try {
            searchers = Files.isDirectory(dir) && DirectoryReader.indexExists(d) ? touched(new SearcherManager(d, null))
                    : null;
        } catch (IOException | RuntimeException e) {
            note = "index was damaged (" + e.getClass().getSimpleName() + "); rebuilt";
            searchers = null;
        }
        return new MemoryIndex(d, dir, null, searchers, note);
    }

    /**
     * Opens the writer; the caller holds the store's writer lock. A damaged index is wiped and
     * started empty (its fingerprint is then {@code null}, so the store rebuilds it).
     *
     * @return why the index had to be started afresh, or {@code null}
     */
    String beginWrite() throws IOException {
        if (writer != null) {
            return null; // in memory: always writing
        }
        Files.createDirectories(dir);
        String problem = null;
        IndexWriter w;
        try {
            w = newWriter(directory, IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        } catch (LockObtainFailedException e) {
            throw new IOException("the search index in " + dir + " is locked by a program that does not use the store's lock");
        } catch (IOException | RuntimeException e) {
            problem = "index was damaged (" + e.getClass().getSimpleName() + "); rebuilt";
            wipe(dir);
            w = newWriter(directory, IndexWriterConfig.OpenMode.CREATE);
        }
        try {
            swapTo(w, touched(new SearcherManager(w, null)));
        } catch (IOException | RuntimeException e) {
            if (problem != null) {
                w.rollback();
                throw e;
            }
            // readable by the writer but not by a reader: damaged; start afresh
            w.rollback();
            wipe(dir);
            w = newWriter(directory, IndexWriterConfig.OpenMode.CREATE);
            swapTo(w, touched(new SearcherManager(w, null)));
            problem = "index was damaged (" + e.getClass().getSimpleName() + "); rebuilt";
        }
        return problem;
    }

    /**
     * Closes the writer (after the store's commit; what was not committed is dropped, the files
     * being the truth) and goes back to reading the last commit. The caller still holds the lock.
     */
    void endWrite() throws IOException {
        IndexWriter w = writer;
        if (w == null || dir == null) {
            return;
        }
        ReferenceManager<IndexSearcher> onDisk = null;
        try {
            w.close(); // waits for merges; commits them (the commit data stays the store's)
        } finally {
            try {
                onDisk = DirectoryReader.indexExists(directory) ? touched(new SearcherManager(directory, null)) : null;
            } finally {
                swapTo(null, onDisk);
            }
        }
    }

    /**
     * Wipes the index and opens an empty writer: for damage found while writing. The caller
     * holds the store's lock; the store then adds every memory again.
     */
    void restartEmpty() throws IOException {
        if (dir == null) {
            writer.deleteAll();
            return;
        }
        IndexWriter old = writer;
        swapTo(null, null);
        if (old != null) {
            old.rollback();
        }
        wipe(dir);
        IndexWriter w = newWriter(directory, IndexWriterConfig.OpenMode.CREATE);
        swapTo(w, new SearcherManager(w, null));
    }

    /** An empty index in {@code dir}, its writer open: for tests of the index alone. */
    static MemoryIndex openFresh(Path dir) throws IOException {
        Files.createDirectories(dir);
        MemoryIndex index = open(dir);
        index.restartEmpty();
        return index;
    }

    /** Whether the index is a folder on disk (shared with other processes), not one in memory. */
    boolean onDisk() {
        return dir != null;
    }

    /** Whether this process has the writer open (it holds the store's lock, or the index is in memory). */
    boolean writing() {
        return writer != null;
    }

    /** Reading: opens the newest commit if another process committed since. */
    void refreshFromDisk() throws IOException {
        if (writer != null) {
            return;
        }
        swap.writeLock().lock();
        try {
            if (searchers != null) {
                searchers.maybeRefreshBlocking();
            } else if (DirectoryReader.indexExists(directory)) {
                searchers = touched(new SearcherManager(directory, null));
            }
        } finally {
            swap.writeLock().unlock();
        }
    }

    private void swapTo(IndexWriter w, ReferenceManager<IndexSearcher> next) throws IOException {
        swap.writeLock().lock();
        try {
            ReferenceManager<IndexSearcher> old = searchers;
            searchers = next;
            writer = w;
            refreshedAt = changes.get();
            if (old != null) {
                old.close();
            }
        } finally {
            swap.writeLock().unlock();
        }
    }

    static MemoryIndex inMemory(String note) {
        try {
            Directory d = new ByteBuffersDirectory();
            IndexWriter w = newWriter(d, IndexWriterConfig.OpenMode.CREATE);
            return new MemoryIndex(d, null, w, new SearcherManager(w, null), note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IndexWriter newWriter(Directory directory, IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
        config.setOpenMode(mode);
        config.setCommitOnClose(true);
        config.setRAMBufferSizeMB(RAM_BUFFER_MB);
        return new IndexWriter(directory, config);
    }

    /** Touches every segment once so that damage shows now, not in the first search. */
    private static ReferenceManager<IndexSearcher> touched(ReferenceManager<IndexSearcher> searchers) throws IOException {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                if (s.getIndexReader().maxDoc() > 0) {
                    s.storedFields().document(0);
                }
            } finally {
                searchers.release(s);
            }
            return searchers;
        } catch (IOException | RuntimeException e) {
            searchers.close();
            throw e;
        }
    }

    private static void wipe(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The fingerprint of the commit this index stands on (the writer's last, or the one being
     * read), or {@code null}: none, or an index of another format.
     */
    String fingerprint() throws IOException {
        Iterable<Map.Entry<String, String>> data;
        IndexWriter w = writer;
        if (w != null) {
            data = w.getLiveCommitData();
        } else {
            swap.readLock().lock();
            try {
                if (searchers == null) {
                    return null;
                }
                IndexSearcher s = searchers.acquire();
                try {
                    data = ((DirectoryReader) s.getIndexReader()).getIndexCommit().getUserData().entrySet();
                } finally {
                    searchers.release(s);
                }
            } finally {
                swap.readLock().unlock();
            }
        }
        String fingerprint = null;
        String format = null;
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (FINGERPRINT.equals(e.getKey())) {
                    fingerprint = e.getValue();
                } else if (FORMAT.equals(e.getKey())) {
                    format = e.getValue();
                }
            }
        }
        return CURRENT_FORMAT.equals(format) ? fingerprint : null;
    }

    /** Replaces every document by those of {@code all}, in order (texts analysed on {@code executor}, see {@link #addAll}). */
    void rebuild(List<Memory> all, Executor executor) throws IOException {
        writer.deleteAll();
        addAll(all, executor);
    }

    /** Adds a memory known not to be in the index yet (no id lookup). */
    void add(Memory m) throws IOException {
        writer.addDocument(document(m));
        changes.incrementAndGet();
    }

    /** Documents analysed ahead of the writer by {@link #addAll}. */
    static final int ANALYSIS_CHUNK = 256;

    /**
     * Adds memories known not to be in the index yet, in order, so that the index is the same as
     * after {@link #add} of each. Analysing the texts is about half the CPU of adding a document:
     * it runs on {@code executor} one chunk ahead of the writer, which inverts the previous chunk
     * on this thread meanwhile (two cores busy instead of one).
     */
    void addAll(List<Memory> memories, Executor executor) throws IOException {
        CompletableFuture<Document[]> next = analysed(memories, 0, executor);
        for (int from = 0; from < memories.size(); from += ANALYSIS_CHUNK) {
            Document[] docs;
            try {
                docs = next.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
            }
            int after = from + ANALYSIS_CHUNK;
            next = after < memories.size() ? analysed(memories, after, executor) : null;
            for (Document d : docs) {
                writer.addDocument(d);
            }
            changes.incrementAndGet();
        }
    }

    private static CompletableFuture<Document[]> analysed(List<Memory> memories, int from, Executor executor) {
        int to = Math.min(memories.size(), from + ANALYSIS_CHUNK);
        return CompletableFuture.supplyAsync(() -> {
            Document[] out = new Document[to - from];
            for (int i = from; i < to; i++) {
                try {
                    out[i - from] = document(memories.get(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }, executor);
    }

    void upsert(Memory m) throws IOException {
        writer.updateDocument(new Term(F_ID, m.id()), document(m));
        changes.incrementAndGet();
    }

    void delete(String id) throws IOException {
        writer.deleteDocuments(new Term(F_ID, id));
        changes.incrementAndGet();
    }

    /** Commits with the fingerprint of the files the index now reflects. */
    void commit(String fingerprint) throws IOException {
        writer.setLiveCommitData(Map.of(FINGERPRINT, fingerprint, FORMAT, CURRENT_FORMAT).entrySet());
        writer.commit();
        changes.incrementAndGet();
    }

    /**
     * Counts changes; a search that sees a count newer than the last refresh opens a new
     * near-real-time reader first (one refresh per search burst, not one segment per change).
     */
    private final AtomicLong changes = new AtomicLong();
    private final Object refreshLock = new Object();
    private volatile long refreshedAt; // written under refreshLock

    /** Marks changes to be made visible to the next search (refreshing per change costs a segment each). */
    void refresh() {
        changes.incrementAndGet();
    }

    /** The ids and scores of the best {@code limit} documents for {@code query}. */
    List<Scored> search(Query query, int limit) throws IOException {
        swap.readLock().lock();
        try {
            ReferenceManager<IndexSearcher> current = searchers;
            if (current == null) {
                return List.of(); // no index yet: the next writer builds it
            }
            long seen = changes.get();
            if (writer != null && seen > refreshedAt) {
                synchronized (refreshLock) {
                    if (seen > refreshedAt) {
                        long target = changes.get(); // later changes may miss this refresh: the next search catches them
                        current.maybeRefreshBlocking();
                        refreshedAt = target;
                    }
                }
            }
            IndexSearcher s = current.acquire();
            try {
                // Only the top hits are used, never the total: counting stops at the limit, so the
                // scorers can skip documents that cannot make the top (same hits, same order).
                int n = Math.max(1, limit);
                TopDocs top = s.search(query, new TopScoreDocCollectorManager(n, null, n));
                List<LeafReaderContext> leaves = s.getIndexReader().leaves();
                List<Scored> out = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc sd : top.scoreDocs) {
                    out.add(new Scored(id(leaves.get(ReaderUtil.subIndex(sd.doc, leaves)), sd.doc), sd.score));
                }
                return out;
            } finally {
                current.release(s);
            }
        } finally {
            swap.readLock().unlock();
        }
    }

    record Scored(String id, float score) {}

    /**
     * The ids of the documents of each segment read so far, by document number: a segment never
     * changes, and reading a stored field decompresses a whole block. Dropped with the segment.
     */
    private final Map<Object, String[]> idsBySegment = new ConcurrentHashMap<>();

    /** The id of the document {@code doc} (top-level number) in {@code leaf}. */
    private String id(LeafReaderContext leaf, int doc) throws IOException {
        int local = doc - leaf.docBase;
        LeafReader reader = leaf.reader();
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return reader.storedFields().document(local, ID_ONLY).get(F_ID);
        }
        IndexReader.CacheKey key = helper.getKey();
        String[] ids = idsBySegment.get(key);
        if (ids == null) {
            ids = new String[reader.maxDoc()];
            String[] before = idsBySegment.putIfAbsent(key, ids);
            if (before != null) {
                ids = before;
            } else {
                helper.addClosedListener(idsBySegment::remove);
            }
        }
        String id = ids[local]; // a racing reader at worst reads the field again; Strings are safe to share
        if (id == null) {
            id = reader.storedFields().document(local, ID_ONLY).get(F_ID);
            ids[local] = id;
        }
        return id;
    }

    private static final Set<String> ID_ONLY = Set.of(F_ID);

    static String tagTerm(String tag) {
        return tag.strip().toLowerCase(Locale.ROOT);
    }

    /** The word-pair fields: documents and frequencies only (the phrase is scored with its text field's norms). */
    private static final FieldType PAIRS = pairsType();

    private static FieldType pairsType() {
        FieldType t = new FieldType();
        t.setTokenized(true);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        t.setOmitNorms(true);
        t.freeze();
        return t;
    }

    private static Document document(Memory m) throws IOException {
        Document d = new Document();
        d.add(new StringField(F_ID, m.id(), Field.Store.YES));
        // each text analysed once, for its field and its pair field
        WordPairs title = WordPairs.analyze(ANALYZER, F_TITLE, m.title());
        d.add(new Field(F_TITLE, title.terms(), TextField.TYPE_NOT_STORED));
        d.add(new Field(WordPairs.field(F_TITLE), title.pairs(), PAIRS));
        WordPairs content = WordPairs.analyze(ANALYZER, F_CONTENT, m.content());
        d.add(new Field(F_CONTENT, content.terms(), TextField.TYPE_NOT_STORED));
        d.add(new Field(WordPairs.field(F_CONTENT), content.pairs(), PAIRS));
        d.add(new StringField(F_TYPE, m.type().folder(), Field.Store.NO));
        for (String t : m.tags()) {
            d.add(new StringField(F_TAG, tagTerm(t), Field.Store.NO));
        }
        return d;
    }

    @Override
    public void close() throws IOException {
        try {
            IndexWriter w = writer;
            swapTo(null, null);
            if (w != null) {
                w.rollback(); // the store commits before closing; anything else is rebuilt from the files
            }
        } finally {
            directory.close();
        }
    }
}
