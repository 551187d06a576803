package dev.whitemagic.app.cli;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.adaptive.PoolConfig;
import dev.whitemagic.engine.adaptive.TierDecision;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code whitemagic tier}: what the adaptive controller recommends for some work, and why. */
@Command(name = "tier", mixinStandardHelpOptions = true,
        description = {"Recommends a threading tier for N tasks on this machine now, with the reason.",
            "Over the CPU or memory threshold it steps one tier down; otherwise the task count picks the tier",
            "(<10, <25, <50, <100, <200, else TIER_5) and complexity >75 steps down, <25 up."})
final class TierCommand implements Callable<Integer> {

    @ParentCommand
    WhiteMagicCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--tasks", required = true, paramLabel = "N", description = "How many tasks (0 or more).")
    int tasks;

    @Option(names = "--complexity", paramLabel = "C", defaultValue = "50",
            description = "How heavy each task is, 0 to 100 (default ${DEFAULT-VALUE}).")
    int complexity;

    @Option(names = "--cpu-threshold", paramLabel = "P",
            description = "Step one tier down above this CPU use, percent (the seed's cpu_threshold; default: the settings', 80).")
    Double cpuThreshold;

    @Option(names = "--memory-threshold", paramLabel = "P",
            description = "Step one tier down above this memory use, percent (default: the settings', 85).")
    Double memoryThreshold;

    @Option(names = "--json", description = "Print the decision as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (tasks < 0) {
            throw new WhiteMagicCommand.UserError("--tasks must be 0 or more, got " + tasks);
        }
        if (complexity < 0 || complexity > 100) {
            throw new WhiteMagicCommand.UserError("--complexity must be between 0 and 100, got " + complexity);
        }
        for (Double p : new Double[] {cpuThreshold, memoryThreshold}) {
            if (p != null && !(p > 0 && p <= 100)) {
                throw new WhiteMagicCommand.UserError("a threshold must be above 0 and at most 100 (percent), got " + p);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (WhiteMagicEngine engine = root.engine(root.settings())) {
            if (cpuThreshold != null) {
                engine.adaptive().setCpuThreshold(cpuThreshold);
            }
            if (memoryThreshold != null) {
                engine.adaptive().setMemoryThreshold(memoryThreshold);
            }
            // The decision depends on the load: wait for a real sample rather than deciding blind.
            if (engine.metrics().awaitFirst(Duration.ofSeconds(5)).isEmpty()) {
                spec.commandLine().getErr().println("whitemagic: no load sample"
                        + engine.metrics().failure().map(f -> " (" + f + ")").orElse("")
                        + "; deciding as if the machine were idle");
            }
            TierDecision d = engine.adaptive().evaluate(tasks, complexity);
            out.println(json ? Json.line(asMap(d)) : human(d));
        }
        return 0;
    }

    static Map<String, Object> asMap(TierDecision d) {
        PoolConfig pool = d.poolConfig();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tier", d.tier().name());
        map.put("threads", d.tier().threads());
        map.put("label", d.tier().label());
        map.put("task_count", d.taskCount());
        map.put("complexity", d.complexity());
        map.put("cpu_percent", Math.round(d.cpuPercent() * 10) / 10.0);
        map.put("memory_percent", Math.round(d.memoryPercent() * 10) / 10.0);
        map.put("cpu_threshold", d.cpuThreshold());
        map.put("memory_threshold", d.memoryThreshold());
        map.put("under_load", d.underLoad());
        map.put("previous", d.previous().name());
        map.put("pool", Map.of("io", pool.ioWorkers(), "cpu", Runtime.getRuntime().availableProcessors()));
        map.put("reason", d.reason());
        return map;
    }

    private static String human(TierDecision d) {
        PoolConfig pool = d.poolConfig();
        return String.format(Locale.ROOT, """
                %s · %d threads · %s
                Pools   %s
                Why     %s
                Load    CPU %.0f %% (threshold %.0f %%), memory %.0f %% (threshold %.0f %%)""",
                d.tier(), d.tier().threads(), d.tier().label(),
                Format.pools(pool), d.reason(), d.cpuPercent(), d.cpuThreshold(), d.memoryPercent(), d.memoryThreshold());
    }
}
