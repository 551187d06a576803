package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.files.FilesService.MatchFile;
import dev.whitemagic.engine.Progress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whitemagic match}: many literal patterns at once (Aho-Corasick). */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Counts many literal patterns at once in every file (one pass per file, Aho-Corasick). "
                + "Exit 0 when any pattern occurs, 1 when none does, 2 when a file could not be read.")
final class MatchCommand extends FileCommand {

    @Option(names = {"-p", "--pattern"}, required = true, paramLabel = "P", description = "A literal pattern; repeat it.")
    List<String> patterns;

    @Option(names = {"-i", "--ignore-case"}, description = "Case-insensitive.")
    boolean ignoreCase;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders.")
    List<Path> paths;

    @Override
    int run(FilesService service) throws Exception {
        if (patterns.stream().anyMatch(String::isEmpty)) {
            throw new WhiteMagicCommand.UserError("a pattern may not be empty");
        }
        List<String> distinct = patterns.stream().distinct().toList();
        List<Path> files = files(service, paths, Long.MAX_VALUE);
        Map<String, Long> totals = new LinkedHashMap<>();
        distinct.forEach(p -> totals.put(p, 0L));
        Progress p = stream(service.match(files, distinct, ignoreCase), m -> {
            if (m.error() != null) {
                problem(m.path() + ": " + m.error());
                return;
            }
            m.counts().forEach((k, v) -> totals.merge(k, v, Long::sum));
            print(m, distinct);
        });
        if (json) {
            jsonLine(summary(p, Map.of("totals", totals)));
        } else {
            totals.forEach((k, v) -> out.println("total\t" + k + "\t" + v));
        }
        return exitCode(totals.values().stream().anyMatch(v -> v > 0));
    }

    private void print(MatchFile m, List<String> patterns) {
        if (m.counts().values().stream().allMatch(v -> v == 0)) {
            return;
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("type", "file");
            o.put("path", m.path().toString());
            o.put("counts", m.counts());
            jsonLine(o);
        } else {
            StringBuilder sb = new StringBuilder(m.path().toString());
            for (String p : patterns) {
                sb.append('\t').append(p).append('=').append(m.counts().getOrDefault(p, 0L));
            }
            out.println(sb);
        }
    }
}
