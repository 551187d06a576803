package dev.whitemagic.app.cli;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.metrics.SystemMetrics;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code whitemagic metrics}: one sample of the machine, or a live stream of them. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Shows CPU (per core), memory, swap, load, disk and network throughput and the JVM.")
final class MetricsCommand implements Callable<Integer> {

    @ParentCommand
    WhiteMagicCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per sample (JSON Lines).")
    boolean json;

    @Option(names = "--watch", description = "Keep sampling once a second until interrupted (Ctrl+C).")
    boolean watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N samples.")
    Integer count;

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw new WhiteMagicCommand.UserError("--count must be 1 or more, got " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (WhiteMagicEngine engine = root.engine(root.settings())) {
            LinkedBlockingQueue<SystemMetrics> samples = new LinkedBlockingQueue<>();
            try (var sub = engine.metrics().subscribe(samples::add)) {
                int limit = watch ? (count != null ? count : Integer.MAX_VALUE) : 1;
                for (int i = 0; i < limit; i++) {
                    SystemMetrics m = samples.poll(10, TimeUnit.SECONDS);
                    if (m == null) {
                        spec.commandLine().getErr().println("whitemagic: no sample came in 10 s"
                                + engine.metrics().failure().map(f -> ": " + f).orElse(""));
                        return WhiteMagicCommand.USAGE;
                    }
                    out.println(json ? Json.line(asMap(m)) : human(m, engine));
                    out.flush();
                }
            }
        }
        return 0;
    }

    static Map<String, Object> asMap(SystemMetrics m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("time", m.time().toString());
        map.put("cpu_percent", round(m.cpuPercent()));
        map.put("core_percent", m.corePercent().stream().map(MetricsCommand::round).toList());
        map.put("memory_total", m.memoryTotal());
        map.put("memory_used", m.memoryUsed());
        map.put("memory_percent", round(m.memoryPercent()));
        map.put("swap_total", m.swapTotal());
        map.put("swap_used", m.swapUsed());
        map.put("load_average", m.loadAverage());
        map.put("disk_read_per_sec", Math.round(m.diskReadPerSec()));
        map.put("disk_write_per_sec", Math.round(m.diskWritePerSec()));
        map.put("net_received_per_sec", Math.round(m.netReceivedPerSec()));
        map.put("net_sent_per_sec", Math.round(m.netSentPerSec()));
        map.put("heap_used", m.heapUsed());
        map.put("heap_max", m.heapMax());
        map.put("jvm_threads", m.jvmThreads());
        return map;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String human(SystemMetrics m, WhiteMagicEngine engine) {
        String cores = m.corePercent().stream().map(Format::percent).collect(Collectors.joining(", "));
        return String.join("\n",
                row("CPU", Format.percent(m.cpuPercent()) + "  (" + m.cores() + " cores: " + cores + ")"),
                row("Memory", Format.bytes(m.memoryUsed()) + " of " + Format.bytes(m.memoryTotal())
                        + " (" + Format.percent(m.memoryPercent()) + ")"),
                row("Swap", m.swapTotal() > 0
                        ? Format.bytes(m.swapUsed()) + " of " + Format.bytes(m.swapTotal()) : "none"),
                row("Load", m.loadAverage().stream().map(Format::load).collect(Collectors.joining(" "))
                        + "  (1, 5, 15 min)"),
                row("Disk", "read " + Format.rate(m.diskReadPerSec()) + ", write " + Format.rate(m.diskWritePerSec())),
                row("Network", "in " + Format.rate(m.netReceivedPerSec()) + ", out " + Format.rate(m.netSentPerSec())),
                row("JVM heap", Format.bytes(m.heapUsed()) + " of " + Format.bytes(m.heapMax())),
                row("Threads", m.jvmThreads() + " JVM, " + engine.threadCount() + " engine"),
                row("Tier", engine.adaptive().currentTier() + " (" + engine.adaptive().currentTier().threads()
                        + " threads)"),
                "");
    }

    private static String row(String name, String value) {
        return String.format(Locale.ROOT, "%-10s %s", name, value);
    }
}
