package dev.whitemagic.app.files;

import dev.whitemagic.app.files.FilesService.Filters;
import dev.whitemagic.app.files.FilesService.GrepQuery;
import dev.whitemagic.app.files.FilesService.Workers;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.pipeline.PipelineJobs;
import dev.whitemagic.engine.scheduler.JobRecipe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the file jobs are made again after a restart: a read or grep that was running when the
 * workbench stopped shows as interrupted in the Scheduler pane and can be run again from there.
 * A batch whose file list is too long to keep (over 64 KiB of paths) is not kept: it cannot be
 * run again.
 */
public final class Recipes {
    /** Recipe type of a batch read. */
    public static final String READ = "files.read";
    /** Recipe type of a grep. */
    public static final String GREP = "files.grep";
    private static final int MAX_PATH_CHARS = 64 * 1024;

    private Recipes() {
    }

    /** Lets the engine's queue run file jobs (and pipeline runs) again after a restart. */
    public static void register(WhiteMagicEngine engine) {
        PipelineJobs.registerRecipe(engine);
        engine.registerRecipe(READ, (e, p) -> ctx -> {
            Filters filters = new Filters("", Set.of(), Long.parseLong(p.get("max-size")), false, true);
            BatchHandle<FilesService.FileRow> run = new EngineFilesService(e, false).read(paths(p), filters, Workers.ADAPTIVE);
            ctx.onCancel(run::cancel);
            return EngineFilesService.readSummary(run.result().join());
        });
        engine.registerRecipe(GREP, (e, p) -> ctx -> {
            GrepQuery q = new GrepQuery(p.get("pattern"), flag(p, "fixed"), flag(p, "ignore-case"), flag(p, "word"),
                    Integer.parseInt(p.getOrDefault("context", "0")));
            BatchHandle<FilesService.GrepFile> run = new EngineFilesService(e, false).grep(paths(p), q);
            ctx.onCancel(run::cancel);
            return EngineFilesService.grepSummary(run.result().join());
        });
    }

    static JobRecipe read(List<Path> files, long maxSize) {
        Map<String, String> p = withPaths(files);
        if (p == null) {
            return null;
        }
        p.put("max-size", String.valueOf(maxSize));
        return new JobRecipe(READ, p);
    }

    static JobRecipe grep(List<Path> files, GrepQuery q) {
        Map<String, String> p = withPaths(files);
        if (p == null) {
            return null;
        }
        p.put("pattern", q.pattern());
        p.put("fixed", String.valueOf(q.fixed()));
        p.put("ignore-case", String.valueOf(q.ignoreCase()));
        p.put("word", String.valueOf(q.word()));
        p.put("context", String.valueOf(q.context()));
        return new JobRecipe(GREP, p);
    }

    private static Map<String, String> withPaths(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            if (sb.length() + f.toString().length() > MAX_PATH_CHARS) {
                return null;
            }
            sb.append(f.toAbsolutePath()).append('\n');
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("paths", sb.toString());
        return p;
    }

    private static List<Path> paths(Map<String, String> p) {
        return p.getOrDefault("paths", "").lines().filter(l -> !l.isBlank()).map(Path::of).toList();
    }

    private static boolean flag(Map<String, String> p, String key) {
        return Boolean.parseBoolean(p.get(key));
    }
}
