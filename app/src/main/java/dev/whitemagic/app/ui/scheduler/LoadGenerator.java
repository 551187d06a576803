package dev.whitemagic.app.ui.scheduler;

import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.scheduler.JobContext;
import dev.whitemagic.engine.scheduler.ParallelScheduler;
import dev.whitemagic.engine.scheduler.TaskPriority;
import dev.whitemagic.engine.scheduler.TaskSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * Synthetic jobs so a person can watch priorities and tiers at work: sleeps, CPU burns and file
 * reads. {@link #submit} walks folders and adds tasks, so it runs off the FX thread.
 */
public final class LoadGenerator {

    /** The most files a file-read load picks from. */
    static final int MAX_FILES = 5_000;
    /** The most bytes one file-read job reads. */
    static final long MAX_READ = 64L << 20;

    /** What the jobs do; the kind is what the table's Kind column shows. */
    public enum Work {
        SLEEP("sleep", "Sleep"), CPU("cpu-burn", "CPU burn"), FILE_READ("file-read", "File read");

        private final String kind;
        private final String label;

        Work(String kind, String label) {
            this.kind = kind;
            this.label = label;
        }

        public String kind() {
            return kind;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * A load to add.
     *
     * @param work     what each job does
     * @param count    how many jobs
     * @param millis   how long each sleeps or burns (ignored by file reads)
     * @param priority their priority
     * @param folder   where file reads find files; null for the JDK's lib folder
     */
    public record Spec(Work work, int count, int millis, TaskPriority priority, Path folder) {
        public Spec {
            if (count < 1) {
                throw new IllegalArgumentException("the number of jobs must be at least 1, got " + count);
            }
            if (millis < 0) {
                throw new IllegalArgumentException("the duration must not be negative, got " + millis);
            }
        }
    }

    private LoadGenerator() {}

    /** The JDK's own lib folder: files every machine running this has. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("java.home"), "lib");
    }

    /**
     * Adds the jobs of {@code spec}; off the FX thread.
     *
     * @return how many were added
     * @throws IOException when a file-read folder cannot be walked or holds no files
     */
    public static int submit(ParallelScheduler scheduler, Spec spec) throws IOException {
        List<Path> files = spec.work() == Work.FILE_READ
                ? files(spec.folder() == null ? defaultFolder() : spec.folder()) : List.of();
        for (int i = 0; i < spec.count(); i++) {
            scheduler.addTask(task(spec, i + 1, files));
        }
        return spec.count();
    }

    private static TaskSpec<?> task(Spec spec, int n, List<Path> files) {
        int ms = spec.millis();
        return switch (spec.work()) {
            case SLEEP -> TaskSpec.of("sleep " + ms + " ms #" + n, ctx -> sleep(ctx, ms))
                    .kind(spec.work().kind()).priority(spec.priority())
                    .recipe(RECIPE, Map.of("work", "sleep", "millis", String.valueOf(ms))).build();
            case CPU -> TaskSpec.of("cpu burn " + ms + " ms #" + n, ctx -> burn(ctx, ms))
                    .kind(spec.work().kind()).priority(spec.priority())
                    .recipe(RECIPE, Map.of("work", "cpu", "millis", String.valueOf(ms))).build();
            case FILE_READ -> {
                Path file = files.get((n - 1) % files.size());
                yield TaskSpec.of("read " + file.getFileName() + " #" + n, ctx -> read(ctx, file))
                        .kind(spec.work().kind()).priority(spec.priority())
                        .recipe(RECIPE, Map.of("work", "file-read", "file", file.toString())).build();
            }
        };
    }

    /** Recipe type of the load generator's jobs: they can run again after a restart. */
    public static final String RECIPE = "load-generator";

    /** Lets the engine's queue run load generator jobs again after a restart. */
    public static void registerRecipe(WhiteMagicEngine engine) {
        engine.registerRecipe(RECIPE, (e, p) -> {
            int ms = Integer.parseInt(p.getOrDefault("millis", "0"));
            return switch (p.getOrDefault("work", "")) {
                case "sleep" -> ctx -> sleep(ctx, ms);
                case "cpu" -> ctx -> burn(ctx, ms);
                case "file-read" -> ctx -> read(ctx, Path.of(p.get("file")));
                default -> throw new IllegalArgumentException("unknown load '" + p.get("work") + "'");
            };
        });
    }

    /** Sleeps in slices, reporting progress; an interrupt (cancel) ends it. */
    static String sleep(JobContext ctx, int ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
            ctx.progress(ms - Math.max(0, (end - System.nanoTime()) / 1_000_000), ms);
        }
        return "slept " + ms + " ms";
    }

    /** Keeps a core busy for {@code ms}, checking for a cancel as it goes. */
    static String burn(JobContext ctx, int ms) {
        long start = System.nanoTime();
        long end = start + ms * 1_000_000L;
        long x = 0x9E3779B97F4A7C15L;
        long nextReport = start;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            ctx.checkCancelled();
            long now = System.nanoTime();
            if (now >= nextReport) {
                ctx.progress((now - start) / 1_000_000, ms);
                nextReport = now + 50_000_000L;
            }
        }
        return String.format(Locale.ROOT, "burned %d ms (checksum %08x)", ms, x & 0xffffffffL);
    }

    /** Reads one file in chunks, with progress, up to {@link #MAX_READ} bytes. */
    static String read(JobContext ctx, Path file) throws IOException {
        long size = Files.size(file);
        long total = Math.max(1, Math.min(size, MAX_READ));
        byte[] buffer = new byte[64 * 1024];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (done < MAX_READ && (r = in.read(buffer)) > 0) {
                if (ctx.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                done += r;
                ctx.progress(Math.min(done, total), total);
            }
        }
        return String.format(Locale.ROOT, "read %,d bytes of %s", done, file);
    }

    /** Regular files under {@code folder}, at most {@link #MAX_FILES}, in walk order. */
    static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("not a folder: " + folder);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).limit(MAX_FILES).forEach(out::add);
        } catch (UncheckedIOException e) {
            if (out.isEmpty()) {
                throw e.getCause();
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no files to read in " + folder);
        }
        return out;
    }
}
