package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns markdown files (and folders of them) into drafts for
 * {@link ParallelMemoryManager#batchCreateMemories}: WhiteMagic's frontmatter is read (title,
 * created, tags, other keys kept); a file without a title takes its file name; malformed
 * frontmatter is a warning and the body is kept. Files that are not markdown are skipped.
 *
 * <pre>{@code
 * MarkdownImport.Result r = MarkdownImport.read(List.of(Path.of("notes")), MemoryType.SHORT_TERM);
 * manager.batchCreateMemories(r.drafts(), true);
 * }</pre>
 */
public final class MarkdownImport {

    private MarkdownImport() {}

    /**
     * What was found.
     *
     * @param files    the markdown files, in the order of {@code drafts}
     * @param drafts   one per file
     * @param warnings "file: problem" for files read with a problem (their bodies are kept)
     * @param skipped  files that are not markdown, or could not be read ("file: why")
     */
    public record Result(List<Path> files, List<MemoryDraft> drafts, List<String> warnings, List<String> skipped) {}

    /** Reads {@code paths}: markdown files as given, folders walked for {@code *.md}, sorted. */
    public static Result read(List<Path> paths, MemoryType type) {
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".md") && Files.isRegularFile(f)).sorted().forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    skipped.add(p + ": cannot walk the folder: " + e.getMessage());
                }
            } else if (p.toString().endsWith(".md") && Files.isRegularFile(p)) {
                files.add(p);
            } else {
                skipped.add(p + ": not a markdown file");
            }
        }
        List<Path> read = new ArrayList<>();
        List<MemoryDraft> drafts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replaceFirst("\\.md$", "");
            try {
                Memory parsed = MemoryFormat.parse(SafeFiles.readText(f, FolderScan.MAX_FILE), name, type,
                        Files.getLastModifiedTime(f).toInstant());
                if (parsed.warning() != null) {
                    warnings.add(f + ": " + parsed.warning());
                }
                read.add(f);
                drafts.add(new MemoryDraft(parsed.title().isBlank() ? name : parsed.title(), parsed.content(),
                        parsed.tags(), type, parsed.extra(), parsed.created()));
            } catch (IOException e) {
                skipped.add(f + ": " + SafeFiles.describe(e));
            } catch (RuntimeException e) {
                skipped.add(f + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            }
        }
        return new Result(read, drafts, warnings, skipped);
    }
}
