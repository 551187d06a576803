package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.files.FileResult;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns markdown files (and folders of them) into drafts for
 * {@link ParallelMemoryManager#batchCreateMemories}: WhiteMagic's frontmatter is read (title,
 * created, tags, other keys kept); a file without a title takes its file name; malformed
 * frontmatter is a warning and the body is kept. Files that are not markdown are skipped.
 *
 * <p>Files are read by {@link ParallelFileReader}, in parallel and with its checks: FIFOs,
 * devices and sockets are never opened, files over {@link MemoryFormat#MAX_FILE_SIZE} are not read,
 * binary files and text that is not valid UTF-8 (or UTF-16 with a byte-order mark) are skipped, each
 * with its reason. Symbolic links found in a folder are skipped, not followed; a link named
 * on its own is read.
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
                    walk.filter(f -> f.toString().endsWith(".md")).sorted().forEach(f -> {
                        if (Files.isSymbolicLink(f)) {
                            skipped.add(f + ": " + FolderScan.SKIPPED_LINK);
                        } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                            files.add(f);
                        }
                    });
                } catch (IOException | UncheckedIOException e) {
                    IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                    skipped.add(p + ": cannot walk the folder: " + SafeFiles.describe(io));
                }
            } else if (p.toString().endsWith(".md")) {
                files.add(p); // the reader says what is wrong with it, if anything
            } else {
                skipped.add(p + ": not a markdown file");
            }
        }
        List<FileResult> results = new ParallelFileReader().withMaxSize(MemoryFormat.MAX_FILE_SIZE).readBatch(files);
        List<Path> read = new ArrayList<>();
        List<MemoryDraft> drafts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (FileResult r : results) {
            Path f = r.path();
            String problem = bodyProblem(r);
            if (problem != null) {
                skipped.add(f + ": " + problem);
                continue;
            }
            String name = f.getFileName().toString().replaceFirst("\\.md$", "");
            Memory parsed = MemoryFormat.parse(r.content(), name, type, lastModified(f));
            if (parsed.warning() != null) {
                warnings.add(f + ": " + parsed.warning());
            }
            read.add(f);
            drafts.add(new MemoryDraft(parsed.title().isBlank() ? name : parsed.title(), parsed.content(),
                    parsed.tags(), type, parsed.extra(), parsed.created()));
        }
        return new Result(read, drafts, warnings, skipped);
    }

    /**
     * Why a file read cannot be a memory's body, or {@code null} if its content can: it is binary,
     * could not be read (too large, not a regular file, missing …), or is not valid text.
     */
    public static String bodyProblem(FileResult r) {
        if (r.binary()) {
            return "binary (a NUL byte near the start), not text";
        }
        if (!r.success()) {
            return r.error();
        }
        return r.malformed() ? "not valid " + r.charset() + " text" : null;
    }

    private static Instant lastModified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toInstant();
        } catch (IOException e) {
            return null; // the parse falls back to now
        }
    }
}
