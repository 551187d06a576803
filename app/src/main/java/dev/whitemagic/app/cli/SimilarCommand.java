package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.FilesService;
import dev.whitemagic.app.files.FilesService.SimilarRow;
import dev.whitemagic.app.files.Sizes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whitemagic similar}: files ranked by how close they are to a file or a text. */
@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Ranks files by similarity to a file or a text: TF-IDF cosine, with the Jaccard index of their words.")
final class SimilarCommand extends FileCommand {

    static final class Reference {
        @Option(names = "--to", paramLabel = "FILE", description = "Compare with this file.")
        Path file;

        @Option(names = "--text", paramLabel = "T", description = "Compare with this text.")
        String text;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Reference reference;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and folders.")
    List<Path> paths;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many files (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "64MiB",
            description = "The --to file may be at most this large (default ${DEFAULT-VALUE}).")
    String maxSize;

    @Override
    int run(FilesService service) {
        if (top < 1) {
            throw new WhiteMagicCommand.UserError("--top must be 1 or more, got " + top);
        }
        String text = reference.text;
        if (reference.file != null) {
            try {
                text = service.referenceText(reference.file, Sizes.parse(maxSize));
            } catch (IllegalArgumentException e) {
                throw new WhiteMagicCommand.UserError("cannot compare with " + e.getMessage());
            }
        }
        List<Path> files = files(service, paths, Long.MAX_VALUE);
        if (reference.file != null) {
            Path self = reference.file.toAbsolutePath().normalize();
            files = files.stream().filter(f -> !f.toAbsolutePath().normalize().equals(self)).toList();
        }
        List<SimilarRow> rows = service.similar(files, text, top, this::problem);
        for (SimilarRow r : rows) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "file");
                m.put("path", r.path().toString());
                m.put("cosine", r.cosine());
                m.put("jaccard", r.jaccard());
                jsonLine(m);
            } else {
                out.printf(Locale.ROOT, "%.4f\t%.4f\t%s%n", r.cosine(), r.jaccard(), r.path());
            }
        }
        if (json) {
            Map<String, Object> m = summary(files.size(), errorCount());
            jsonLine(m);
        }
        return exitCode(!rows.isEmpty());
    }
}
