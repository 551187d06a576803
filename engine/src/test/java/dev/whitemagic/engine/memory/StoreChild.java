package dev.whitemagic.engine.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A second (third, …) process on one store, run in a child JVM by {@link MultiProcessStoreTest}.
 * {@code args[0]} is the home, {@code args[1]} the act:
 * <ul>
 *   <li>{@code import TAG N}: one atomic batch of N memories tagged TAG; prints "created N";
 *   <li>{@code add TAG N}: N single creates (each its own write);
 *   <li>{@code read SECONDS}: opens, lists and searches again and again; prints "reads N";
 *   <li>{@code hold SECONDS}: takes the writer lock in a write session and sleeps in it;
 *   <li>{@code consolidate}: merges the groups of memories with the same tags;
 *   <li>{@code consolidate-crash WHERE}: the same, dying (Runtime.halt) at {@code staged:N},
 *       {@code moved:N} or {@code removed:N}.
 * </ul>
 * Every line a waiting write reports is printed as {@code wait: …}. Exit 0 when the act is done.
 */
public final class StoreChild {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        switch (args[1]) {
            case "import" -> {
                try (MemoryStore store = open(home, executor, "child import")) {
                    BatchCreateResult r = new ParallelMemoryManager(store).batchCreateMemories(drafts(args[2], Integer.parseInt(args[3])), true);
                    System.out.println("created " + r.created().size() + " failed " + r.failures().size());
                }
            }
            case "add" -> {
                try (MemoryStore store = open(home, executor, "child add")) {
                    int n = Integer.parseInt(args[3]);
                    for (MemoryDraft d : drafts(args[2], n)) {
                        store.create(d);
                    }
                    System.out.println("created " + n);
                }
            }
            case "read" -> {
                long end = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
                int reads = 0;
                try (MemoryStore store = open(home, executor, "child reader")) {
                    while (System.nanoTime() < end) {
                        store.list(null, true, MemorySort.NEWEST_FIRST);
                        store.search("wombat", null, List.of(), false, 50);
                        try (MemoryStore again = open(home, executor, "child reader")) {
                            again.list(null, false, MemorySort.TITLE);
                        }
                        reads++;
                    }
                }
                System.out.println("reads " + reads);
            }
            case "hold" -> {
                try (MemoryStore store = open(home, executor, "child hold")) {
                    store.write("holding the lock", () -> {
                        System.out.println("holding");
                        System.out.flush();
                        try {
                            Thread.sleep((long) (Double.parseDouble(args[2]) * 1000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                }
            }
            case "consolidate" -> {
                try (MemoryStore store = open(home, executor, "child consolidate")) {
                    ConsolidationPlan p = new MemoryConsolidator(store).smartConsolidate(ConsolidationStrategy.BY_TAGS, 0, 100, false);
                    System.out.println("merged " + p.mergedIds().size());
                }
            }
            case "consolidate-crash" -> {
                MemoryStore store = open(home, executor, "child consolidate");
                String[] where = args[2].split(":");
                int n = Integer.parseInt(where[1]);
                switch (where[0]) {
                    case "staged" -> store.staging.crashAfterStaged = n;
                    case "moved" -> store.staging.crashAfterMoved = n;
                    default -> store.staging.crashAfterRemoved = n;
                }
                try {
                    new MemoryConsolidator(store).smartConsolidate(ConsolidationStrategy.BY_TAGS, 0, 100, false);
                } catch (BatchStaging.SimulatedCrash e) {
                    Runtime.getRuntime().halt(137);
                }
                Runtime.getRuntime().halt(0);
            }
            default -> throw new IllegalArgumentException(args[1]);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static MemoryStore open(Path home, java.util.concurrent.Executor executor, String label) {
        MemoryStore store = MemoryStore.open(home, executor);
        store.describeAs(label);
        store.onWait(line -> {
            System.out.println("wait: " + line);
            System.out.flush();
        });
        return store;
    }

    static List<MemoryDraft> drafts(String tag, int n) {
        List<MemoryDraft> drafts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            drafts.add(MemoryDraft.of(tag + " note " + i, "wombat " + tag + " body " + i, tag));
        }
        return drafts;
    }
}
