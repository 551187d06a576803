package dev.whitemagic.engine.scheduler;

import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link JobHistoryCrashTest}: opens an engine at {@code args[0]}, starts a
 * job that never ends on its queue and waits to be killed.
 */
public final class JobHistoryCrashChild {

    public static void main(String[] args) throws Exception {
        WhiteMagicEngine engine = WhiteMagicEngine.builder().home(Path.of(args[0])).build();
        engine.scheduler().addTask(TaskSpec.of("endless", ctx -> {
            Thread.sleep(Long.MAX_VALUE);
            return null;
        }).kind("demo").recipe("nap", Map.of("ms", "1")).build());
        Thread.sleep(Long.MAX_VALUE);
    }
}
