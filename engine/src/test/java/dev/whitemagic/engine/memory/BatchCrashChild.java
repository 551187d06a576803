package dev.whitemagic.engine.memory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Run in a child JVM by {@link BatchCrashTest}: opens the store at {@code args[0]}, starts an
 * atomic batch of {@code args[2]} memories and dies (Runtime.halt, no cleanup, no shutdown hooks)
 * at the point named by {@code args[1]}: {@code staged:N} or {@code moved:N}.
 */
public final class BatchCrashChild {

    public static void main(String[] args) {
        MemoryStore store = MemoryStore.open(Path.of(args[0]), Executors.newVirtualThreadPerTaskExecutor());
        String[] where = args[1].split(":");
        int n = Integer.parseInt(where[1]);
        if (where[0].equals("staged")) {
            store.staging.crashAfterStaged = n;
        } else {
            store.staging.crashAfterMoved = n;
        }
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            drafts.add(MemoryDraft.of("Crash " + i, "echidna " + i, "crash"));
        }
        try {
            new ParallelMemoryManager(store).batchCreateMemories(drafts, true);
        } catch (BatchStaging.SimulatedCrash e) {
            Runtime.getRuntime().halt(137);
        }
        Runtime.getRuntime().halt(0);
    }
}
