package dev.whitemagic.engine.scheduler;

import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link MultiProcessJobHistoryTest}: opens an engine at {@code args[0]} and
 * runs {@code args[2]} jobs named {@code args[1] i} on its queue, then closes it; prints "done".
 */
public final class JobHistoryChild {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[2]);
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(Path.of(args[0])).build()) {
            ParallelScheduler s = engine.scheduler();
            long last = 0;
            for (int i = 0; i < n; i++) {
                int x = i;
                last = s.addTask(TaskSpec.ofCallable(args[1] + " " + i, () -> x).build());
                if (i % 25 == 0) {
                    Thread.sleep(5); // interleave with the other process
                }
            }
            s.completion(last).get();
            System.out.println("done");
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
