package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.files.FilesService.WordCount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whitemagic index}: word frequencies over files, map-reduce style. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "The most frequent words ([A-Za-z_][A-Za-z0-9_]*, lower-cased) over files, counted in parallel.")
final class IndexCommand extends FileCommand {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders.")
    List<Path> paths;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "How many words (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-len", paramLabel = "N", defaultValue = "1",
            description = "Shortest word counted (default ${DEFAULT-VALUE}).")
    int minLength;

    @Override
    int run(FilesService service) {
        if (top < 1) {
            throw new WhiteMagicCommand.UserError("--top must be 1 or more, got " + top);
        }
        if (minLength < 1) {
            throw new WhiteMagicCommand.UserError("--min-len must be 1 or more, got " + minLength);
        }
        List<Path> files = files(service, paths, Long.MAX_VALUE);
        long start = System.nanoTime();
        List<WordCount> words = service.index(files, minLength, top, this::problem);
        for (WordCount w : words) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "word");
                m.put("word", w.word());
                m.put("count", w.count());
                jsonLine(m);
            } else {
                out.println(w.count() + "\t" + w.word());
            }
        }
        if (json) {
            Map<String, Object> m = summary(files.size(), errorCount());
            m.put("words", words.size());
            m.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
            jsonLine(m);
        }
        return exitCode(!words.isEmpty());
    }
}
