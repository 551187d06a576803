package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.FilesService.FileRow;
import dev.whitemagic.app.files.FilesService.Workers;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.files.Sizes;
import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.Progress;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whitemagic read}: the parallel batch reader. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Reads files (and the files in folders) as one parallel batch; one line per file, then a summary.")
final class ReadCommand extends FileCommand {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders.")
    List<Path> paths;

    @Option(names = "--tier", paramLabel = "T", description = "Read with a tier's worker count (TIER_0 … TIER_5).")
    String tier;

    @Option(names = "--workers", paramLabel = "N", description = "Read with exactly N workers.")
    Integer workers;

    @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "64MiB",
            description = "Files larger than this are not read (default ${DEFAULT-VALUE}).")
    String maxSize;

    @Override
    int run(FilesService service) throws Exception {
        if (tier != null && workers != null) {
            throw new WhiteMagicCommand.UserError("use --tier or --workers, not both");
        }
        if (workers != null && (workers < 1 || workers > 4096)) {
            throw new WhiteMagicCommand.UserError("--workers must be between 1 and 4096, got " + workers);
        }
        Workers how = workers != null ? new Workers(workers, null)
                : tier != null ? new Workers(null, ThreadingTier.parse(tier)) : Workers.ADAPTIVE;
        long limit = Sizes.parse(maxSize);
        List<Path> files = files(service, paths, limit);
        if (files.isEmpty()) {
            err.println("whitemagic: no files to read");
            return exitCode(false);
        }
        Progress p = stream(service.read(files, walk.filters(limit), how), this::print);
        if (json) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("workers", service.lastWorkers());
            extra.put("files_per_sec", Math.round(p.itemsPerSecond()));
            jsonLine(summary(p, extra));
        } else {
            err.printf(Locale.ROOT, "%s, %s, %s in %.3f s: %,.0f files/s, %s · %s%s%n", Format.count(p.itemsDone(), "file"),
                    Format.count(p.failed() + walk.problems.get(), "error"), Format.bytes(p.bytesDone()), p.elapsed().toNanos() / 1e9,
                    p.itemsPerSecond(), Format.rate(p.bytesPerSecond()), service.lastWorkers(), skippedNote());
        }
        return p.failed() > 0 ? WhiteMagicCommand.USAGE : exitCode(true);
    }

    private void print(FileRow r) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "file");
            m.put("path", r.path().toString());
            m.put("size", r.size());
            m.put("ok", r.ok());
            m.put("status", r.ok() ? r.status() : "error");
            if (r.error() != null) {
                m.put("error", r.error());
            }
            m.put("charset", r.charset());
            m.put("ms", Math.round(r.millis() * 1000) / 1000.0);
            jsonLine(m);
        } else {
            out.printf(Locale.ROOT, "%s\t%s\t%s\t%.2f ms\t%s%n", r.path(), Format.bytes(r.size()),
                    r.ok() ? r.status() : "ERROR " + r.error(), r.millis(), r.charset() == null ? "" : r.charset());
        }
    }
}
