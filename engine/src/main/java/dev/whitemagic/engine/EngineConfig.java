package dev.whitemagic.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings an engine was built with. Made by {@link WhiteMagicEngine.Builder}.
 *
 * <pre>{@code
 * EngineConfig config = engine.config();
 * Path home = config.home();
 * }</pre>
 *
 * @param home             the data directory (settings, memories, indexes)
 * @param metricsInterval  how often the machine is sampled
 * @param metricsCapacity  how many samples are kept
 * @param cpuThreads       platform threads for CPU-bound work
 * @param ioLimit          a fixed limit on concurrent I/O tasks, or 0 to follow the adaptive tier
 * @param cpuThreshold     the adaptive controller's CPU threshold, percent
 * @param memoryThreshold  the adaptive controller's memory threshold, percent
 * @param jobHistory       whether the job queue keeps its history in {@code home/jobs/history.jsonl}
 */
public record EngineConfig(
        Path home,
        Duration metricsInterval,
        int metricsCapacity,
        int cpuThreads,
        int ioLimit,
        double cpuThreshold,
        double memoryThreshold,
        boolean jobHistory) {

    /** Settings with the job history on. */
    public EngineConfig(Path home, Duration metricsInterval, int metricsCapacity, int cpuThreads, int ioLimit,
            double cpuThreshold, double memoryThreshold) {
        this(home, metricsInterval, metricsCapacity, cpuThreads, ioLimit, cpuThreshold, memoryThreshold, true);
    }

    /** The environment variable naming the data directory. */
    public static final String HOME_VARIABLE = "WHITEMAGIC_HOME";

    /**
     * The data directory for this user: {@code $WHITEMAGIC_HOME}, else
     * {@code ~/.local/share/whitemagic} (Linux, or {@code $XDG_DATA_HOME/whitemagic}),
     * {@code ~/Library/Application Support/WhiteMagic} (macOS), {@code %APPDATA%\WhiteMagic}
     * (Windows).
     */
    public static Path defaultHome() {
        String explicit = System.getenv(HOME_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path user = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return user.resolve("Library/Application Support/WhiteMagic");
        }
        if (os.contains("win")) {
            return Optional.ofNullable(System.getenv("APPDATA")).map(Path::of)
                    .orElse(user.resolve("AppData/Roaming")).resolve("WhiteMagic");
        }
        return Optional.ofNullable(System.getenv("XDG_DATA_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElse(user.resolve(".local/share")).resolve("whitemagic");
    }
}
