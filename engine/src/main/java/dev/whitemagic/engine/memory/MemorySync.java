package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.memory.MemoryStore.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a store's memories and index in line with its folders: files whose size or time changed
 * are re-read (in parallel), removed ones dropped; the index gets the delta, or is rebuilt when
 * its committed fingerprint does not match what it should hold.
 */
final class MemorySync {

    private MemorySync() {}

    /** Brings memory and index in line with the folders; returns the number of changes. Under the lock. */
    static int sync(MemoryStore s, boolean opening, List<String> notes) throws IOException {
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        List<FolderScan.Found> files = new ArrayList<>(FolderScan.list(s.memoryDir, s.executor, found));
        files.sort(Comparator.comparing((FolderScan.Found f) -> f.type()).thenComparing(f -> f.path().getFileName().toString()));
        Map<String, Entry> oldByPath = new HashMap<>();
        s.byId.values().forEach(e -> oldByPath.put(e.memory().path().toString(), e));
        String before = s.fingerprint();
        boolean writing = s.index.writing();
        if (writing && !opening && s.hasUnflushed()) {
            s.index.commit(before); // in a session the index holds every change so far: make that the commit
        }
        String indexed = s.index.fingerprint();

        List<FolderScan.Found> toLoad = new ArrayList<>();
        Map<String, Entry> next = new LinkedHashMap<>();
        for (FolderScan.Found f : files) {
            Entry old = oldByPath.get(f.path().toString());
            if (old == null || old.hash() != f.hash(s.memoryDir)) {
                toLoad.add(f);
            }
        }
        Map<String, FolderScan.Loaded> loaded = new HashMap<>();
        for (FolderScan.Loaded l : FolderScan.load(toLoad, s.executor)) {
            loaded.put(l.file().path().toString(), l);
        }
        List<Memory> changed = new ArrayList<>();
        for (FolderScan.Found f : files) {
            FolderScan.Loaded l = loaded.get(f.path().toString());
            Entry e;
            if (l == null) {
                e = oldByPath.get(f.path().toString());
            } else if (l.memory() == null) {
                found.add(f.path() + ": " + l.error());
                continue;
            } else {
                e = new Entry(l.memory(), f.hash(s.memoryDir));
            }
            String id = e.memory().id();
            if (next.containsKey(id)) {
                id = id + "@" + f.type().folder();
                e = new Entry(new Memory(id, e.memory().title(), e.memory().content(), e.memory().tags(), f.type(),
                        e.memory().created(), e.memory().updated(), f.path(), e.memory().extra(),
                        "same file name in another folder; id made unique"), e.hash());
                found.add(f.path() + ": same file name as in another folder");
            }
            next.put(id, e);
            if (l != null) {
                changed.add(e.memory());
            }
        }
        Set<String> removed = new HashSet<>(s.byId.keySet());
        removed.removeAll(next.keySet());
        s.byId.keySet().retainAll(next.keySet());
        s.byId.putAll(next);
        String after = s.fingerprint();
        int changes = changed.size() + removed.size();
        if (!writing) {
            // Reading only: another process writes the index. Searches skip hits that are not in byId.
            s.index.refreshFromDisk();
            if (!after.equals(s.index.fingerprint())) {
                notes.add("the search index is behind the files (another process is writing); "
                        + "searches may miss the newest changes until it is done");
            }
        } else if (!after.equals(indexed)) {
            if (before.equals(indexed) && !opening) {
                for (String id : removed) {
                    s.index.delete(id);
                }
                for (Memory m : changed) {
                    s.index.upsert(m);
                }
            } else {
                s.index.rebuild(next.values().stream().map(Entry::memory).toList(), s.executor);
                if (opening && s.index.onDisk()) {
                    notes.add("search index rebuilt (" + next.size() + " memories)");
                }
            }
            s.index.commit(after);
            if (s.holdsLock()) {
                s.metadata.write(next.values().stream().map(Entry::memory).toList(), null);
            }
        } else if (opening && s.holdsLock() && !Files.exists(s.memoryDir.resolve(MetadataFile.NAME))) {
            s.metadata.write(next.values().stream().map(Entry::memory).toList(), null);
        }
        notes.addAll(found);
        s.problems = List.copyOf(notes);
        return opening ? next.size() : changes;
    }

}
