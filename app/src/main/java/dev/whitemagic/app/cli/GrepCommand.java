package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.FilesService.GrepFile;
import dev.whitemagic.app.files.FilesService.GrepQuery;
import dev.whitemagic.app.files.FilesService.HitRow;
import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.engine.Progress;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whitemagic grep}: ripgrep's defaults and output, on the engine. */
@Command(name = "grep", mixinStandardHelpOptions = true,
        description = {"Searches files for a pattern (RE2 syntax: linear time, no pattern can hang it).",
            "Prints path:line:text for each matching line. Exit 0 when something matched, 1 when nothing did,",
            "2 when a file or folder could not be read (as grep and ripgrep: even if something matched)."})
final class GrepCommand extends FileCommand {

    @Parameters(index = "0", paramLabel = "PATTERN", description = "The pattern.")
    String pattern;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Files and folders to search.")
    List<Path> paths;

    @Option(names = {"-F", "--fixed-strings"}, description = "Treat the pattern as a literal string.")
    boolean fixed;

    @Option(names = {"-i", "--ignore-case"}, description = "Case-insensitive.")
    boolean ignoreCase;

    @Option(names = {"-w", "--word-regexp"}, description = "Only whole-word matches.")
    boolean word;

    @Option(names = {"-c", "--count"}, description = "Print path:count of matching lines per file.")
    boolean count;

    @Option(names = {"-C", "--context"}, paramLabel = "N", defaultValue = "0", description = "Lines of context around each hit.")
    int context;

    @Override
    int run(FilesService service) throws Exception {
        if (context < 0) {
            throw new WhiteMagicCommand.UserError("-C must be 0 or more, got " + context);
        }
        GrepQuery query = new GrepQuery(pattern, fixed, ignoreCase, word, context, count);
        String problem = service.checkGrep(query);
        if (problem != null) {
            throw new WhiteMagicCommand.UserError(problem);
        }
        // Each file is searched as soon as the walk finds it (as ripgrep does), not after the walk.
        List<Path> existing = walk.existing(paths, err);
        var handle = service.grepAsFound(existing, walk.filters(Long.MAX_VALUE), query,
                walkProblem -> walk.problem(walkProblem, err), skipped -> walk.skipped = skipped);
        long[] totals = new long[2];
        Progress p = stream(handle, Comparator.comparing(GrepFile::path), f -> {
            if (f.error() != null) {
                problem(f.path() + ": " + f.error());
                return;
            }
            totals[0] += f.count();
            totals[1] += f.count() > 0 ? 1 : 0;
            print(f);
        });
        walk.nothingFound(p.itemsTotal());
        if (json) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("matching_lines", totals[0]);
            extra.put("matching_files", totals[1]);
            jsonLine(summary(p, extra));
        }
        return exitCode(totals[0] > 0);
    }

    private void print(GrepFile f) {
        if (count) {
            if (f.count() > 0) {
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", "count");
                    m.put("path", f.path().toString());
                    m.put("count", f.count());
                    jsonLine(m);
                } else {
                    out.println(f.path() + ":" + f.count());
                }
            }
            return;
        }
        long last = -1;
        for (HitRow h : f.hits()) {
            if (context > 0 && last >= 0 && h.line() > last + 1 && !json) {
                out.println("--");
            }
            last = h.line();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", h.context() ? "context" : "match");
                m.put("path", h.path().toString());
                m.put("line", h.line());
                m.put("text", h.text());
                jsonLine(m);
            } else {
                char sep = h.context() ? '-' : ':';
                out.println(h.path() + String.valueOf(sep) + h.line() + sep + h.text());
            }
        }
    }
}
