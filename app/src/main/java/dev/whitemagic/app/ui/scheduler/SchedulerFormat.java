package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.app.ui.WorkbenchPane;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Times, durations and job kinds for people. */
public final class SchedulerFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK_MS =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    /** The pane each kind of job comes from; kinds not here (the load generator's) stay in this pane. */
    private static final Map<String, WorkbenchPane> ORIGINS = Map.ofEntries(
            Map.entry("read", WorkbenchPane.FILES), Map.entry("grep", WorkbenchPane.FILES),
            Map.entry("match", WorkbenchPane.FILES), Map.entry("index", WorkbenchPane.FILES),
            Map.entry("similar", WorkbenchPane.FILES), Map.entry("scan", WorkbenchPane.FILES),
            Map.entry("search", WorkbenchPane.MEMORY), Map.entry("import", WorkbenchPane.MEMORY),
            Map.entry("consolidate", WorkbenchPane.MEMORY), Map.entry("memory", WorkbenchPane.MEMORY),
            Map.entry("pipeline", WorkbenchPane.PIPELINE));

    private SchedulerFormat() {}

    /** "850 ms", "1.2 s", "42 s", "3 min 05 s", "2 h 04 min". */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** "14:03:27", or "" for null. */
    public static String time(Instant t) {
        return t == null ? "" : CLOCK.format(t);
    }

    /** "14:03:27.481", or "" for null. */
    public static String preciseTime(Instant t) {
        return t == null ? "" : CLOCK_MS.format(t);
    }

    /** "Completed", "Pending"; works for any state the engine adds later. */
    public static String state(Enum<?> status) {
        String n = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** The style class of a state's badge: {@code state-completed}, {@code state-interrupted}, … */
    public static String stateStyle(Enum<?> status) {
        return "state-" + status.name().toLowerCase(Locale.ROOT);
    }

    /** The pane a job of {@code kind} came from, if another pane started it. */
    public static Optional<WorkbenchPane> origin(String kind) {
        return Optional.ofNullable(ORIGINS.get(kind.toLowerCase(Locale.ROOT)));
    }
}
