package dev.whitemagic.app.cli;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.files.FilesService.ScanRow;
import dev.whitemagic.engine.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code whitemagic scan}: what is in a tree, file by file. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Walks folders (honouring .gitignore, skipping hidden files and build folders) and prints "
                + "path, size, lines, words and the first line of each file.")
final class ScanCommand extends FileCommand {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders (or files) to scan.")
    List<Path> paths;

    @Override
    int run(FilesService service) throws Exception {
        List<Path> files = files(service, paths, Long.MAX_VALUE);
        if (files.isEmpty()) {
            err.println("whitemagic: no files found");
            return exitCode(false);
        }
        long[] totals = new long[2];
        Progress p = stream(service.scan(files), r -> {
            totals[0] += r.lines();
            totals[1] += r.words();
            print(r);
        });
        if (json) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("lines", totals[0]);
            extra.put("words", totals[1]);
            jsonLine(summary(p, extra));
        } else {
            err.printf(Locale.ROOT, "%s, %s, %s, %s%s%n", Format.count(p.itemsDone(), "file"),
                    Format.count(totals[0], "line"), Format.count(totals[1], "word"),
                    Format.count(p.failed() + walk.problems.get(), "error"), skippedNote());
        }
        return p.failed() > 0 ? WhiteMagicCommand.USAGE : exitCode(true);
    }

    private void print(ScanRow r) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "file");
            m.put("path", r.path().toString());
            m.put("size", r.size());
            m.put("lines", r.lines());
            m.put("words", r.words());
            m.put("summary", r.summary());
            if (r.error() != null) {
                m.put("error", r.error());
            }
            jsonLine(m);
        } else if (r.error() != null) {
            err.println("whitemagic: " + r.path() + ": " + r.error());
        } else {
            out.println(r.path() + "\t" + r.size() + "\t" + r.lines() + "\t" + r.words() + "\t" + r.summary());
        }
    }
}
