package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;

/** Batch create and update over a store, under its write lock, files written in parallel. */
final class MemoryBatches {

    private static final int CHUNK = 64;

    private MemoryBatches() {}

    static BatchCreateResult create(MemoryStore store, List<MemoryDraft> drafts, boolean atomic) {
        return store.write(String.format(Locale.ROOT, "a batch of %,d new memories", drafts.size()),
                () -> atomic ? createAtomic(store, drafts) : createEach(store, drafts));
    }

    private static BatchCreateResult createAtomic(MemoryStore store, List<MemoryDraft> drafts) throws IOException {
        List<String> problems = drafts.stream().map(MemoryDraft::problem).toList();
        int firstBad = -1;
        for (int i = 0; i < problems.size() && firstBad < 0; i++) {
            firstBad = problems.get(i) != null ? i : -1;
        }
        if (firstBad >= 0) {
            String why = "not created: the batch is atomic and item " + firstBad + " is invalid (" + problems.get(firstBad) + ")";
            return failAll(drafts.size(), i -> problems.get(i) != null ? problems.get(i) : why);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Set<String> reserved = new HashSet<>();
        // Which base ids already have a file (three stats each), in parallel; names are then
        // chosen in order, and only a suffixed candidate (base_2, …) is looked up on its own.
        List<String> bases = drafts.stream().map(d -> MemoryStore.baseId(d, now)).toList();
        List<Boolean> baseOnDisk = parallel(store, bases.size(), i -> store.onDisk(bases.get(i)));
        Map<String, Boolean> known = new HashMap<>();
        for (int i = 0; i < bases.size(); i++) {
            known.put(bases.get(i), baseOnDisk.get(i));
        }
        List<Memory> memories = new ArrayList<>(drafts.size());
        for (MemoryDraft d : drafts) {
            memories.add(store.newMemory(d, now, reserved, id -> known.containsKey(id) ? known.get(id) : store.onDisk(id)));
        }
        List<BatchStaging.Staged> staged = parallel(store, memories.size(),
                i -> new BatchStaging.Staged(memories.get(i).path(), MemoryFormat.write(memories.get(i))));
        // The files are staged and committed (I/O: mostly waiting for fsyncs) while this thread
        // adds the documents to the index (CPU: analysis, a chunk ahead on the executor, and
        // inversion on this thread), in order, so the index is the same as
        // when they are added one after the other. Searches skip hits not yet in byId; if the
        // files are not committed the documents are deleted again.
        CompletableFuture<Void> files = new CompletableFuture<>();
        Thread.ofVirtual().name("wm-batch-commit").start(() -> {
            try {
                store.staging.commit(staged);
                files.complete(null);
            } catch (Throwable t) {
                files.completeExceptionally(t);
            }
        });
        MemoryIndex index = store.index;
        IOException indexFailure = null;
        try {
            index.addAll(memories, store.executor);
        } catch (IOException e) {
            indexFailure = e;
        }
        try {
            files.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err; // a simulated crash in the tests
            }
            for (Memory m : memories) {
                try {
                    index.delete(m.id());
                } catch (IOException | RuntimeException ignored) {
                    // a broken index is rebuilt on the next open
                }
            }
            IOException io = e.getCause() instanceof IOException x ? x
                    : e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
            String why = "batch not created: " + SafeFiles.describe(io);
            return failAll(drafts.size(), i -> why);
        }
        if (indexFailure != null) {
            throw indexFailure; // the files are committed; the index, stale now, is rebuilt on the next open
        }
        List<MemoryStore.Entry> entries = parallel(store, memories.size(), i -> {
            try {
                return store.entryFor(memories.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<BatchCreateResult.Item> items = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            store.byId.put(entries.get(i).memory().id(), entries.get(i));
            items.add(new BatchCreateResult.Item(i, memories.get(i), null));
        }
        return new BatchCreateResult(items, true, true);
    }

    private static BatchCreateResult createEach(MemoryStore store, List<MemoryDraft> drafts) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Set<String> reserved = new HashSet<>();
        List<Memory> memories = new ArrayList<>();
        for (MemoryDraft d : drafts) {
            memories.add(d.problem() == null ? store.newMemory(d, now, reserved) : null);
        }
        List<Object> written = parallel(store, drafts.size(), i -> {
            if (memories.get(i) == null) {
                return drafts.get(i).problem();
            }
            try {
                return store.writeFile(memories.get(i));
            } catch (IOException e) {
                return SafeFiles.describe(e);
            }
        });
        List<BatchCreateResult.Item> items = new ArrayList<>();
        boolean any = drafts.isEmpty();
        for (int i = 0; i < written.size(); i++) {
            if (written.get(i) instanceof MemoryStore.Entry e) {
                store.putNew(e);
                items.add(new BatchCreateResult.Item(i, e.memory(), null));
                any = true;
            } else {
                items.add(new BatchCreateResult.Item(i, null, (String) written.get(i)));
            }
        }
        return new BatchCreateResult(items, false, any);
    }

    static List<UpdateResult> update(MemoryStore store, List<MemoryUpdate> updates) {
        return store.write(String.format(Locale.ROOT, "a batch of %,d edits", updates.size()), () -> {
            Map<String, List<Integer>> byId = new LinkedHashMap<>();
            for (int i = 0; i < updates.size(); i++) {
                byId.computeIfAbsent(updates.get(i).id(), k -> new ArrayList<>()).add(i);
            }
            List<List<Integer>> groups = new ArrayList<>(byId.values());
            UpdateResult[] results = new UpdateResult[updates.size()];
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            parallel(store, groups.size(), g -> {
                for (int i : groups.get(g)) {
                    MemoryUpdate u = updates.get(i);
                    results[i] = applyOne(store, u, now);
                }
                return null;
            });
            return List.of(results);
        });
    }

    private static UpdateResult applyOne(MemoryStore store, MemoryUpdate u, Instant now) {
        String problem = u.problem();
        if (problem != null) {
            return new UpdateResult(u.id(), null, problem);
        }
        Memory current = store.current(u.id());
        if (current == null) {
            return new UpdateResult(u.id(), null, "no such memory");
        }
        try {
            MemoryStore.Entry e = store.writeFile(u.applyTo(current, now));
            store.put(e);
            return new UpdateResult(u.id(), e.memory(), null);
        } catch (IOException e) {
            return new UpdateResult(u.id(), null, SafeFiles.describe(e));
        }
    }

    private static BatchCreateResult failAll(int n, IntFunction<String> why) {
        List<BatchCreateResult.Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new BatchCreateResult.Item(i, null, why.apply(i)));
        }
        return new BatchCreateResult(items, true, false);
    }

    /** {@code work(i)} for i in [0, n), in chunks on the store's executor; results in order. */
    private static <T> List<T> parallel(MemoryStore store, int n, IntFunction<T> work) {
        List<CompletableFuture<List<T>>> parts = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int start = from;
            int end = Math.min(n, from + CHUNK);
            parts.add(CompletableFuture.supplyAsync(() -> {
                List<T> out = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    out.add(work.apply(i));
                }
                return out;
            }, store.executor));
        }
        List<T> out = new ArrayList<>(n);
        parts.forEach(p -> out.addAll(p.join()));
        return out;
    }
}
