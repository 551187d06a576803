package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes memories as markdown files into a folder, in WhiteMagic's layout
 * ({@code DIR/short_term/ID.md}, {@code DIR/long_term/…}, {@code DIR/archive/…}), so that the folder
 * opens as a store. Never through a symbolic link: each file is written to a temp file created new
 * beside it and moved over its name, so a link found there is replaced by the file (its target is
 * left alone), and a type folder that is a link is not written into. Failures are values, one per
 * file.
 *
 * <pre>{@code
 * MemoryExport.Result r = MemoryExport.write(store.list(null, true, MemorySort.NEWEST_FIRST), Path.of("backup"));
 * r.failures().forEach(f -> System.err.println(f.file() + ": " + f.error()));
 * }</pre>
 */
public final class MemoryExport {

    private MemoryExport() {}

    /**
     * What an export did.
     *
     * @param written       how many files were written
     * @param failures      the files not written, with why
     * @param replacedLinks files that were symbolic links and are now plain files (the links' targets untouched)
     */
    public record Result(int written, List<Failure> failures, List<Path> replacedLinks) {
        public Result {
            failures = List.copyOf(failures);
            replacedLinks = List.copyOf(replacedLinks);
        }
    }

    /** One file not written: where, and one sentence saying why (without the path). */
    public record Failure(Path file, String error) {}

    /** Writes each memory to {@code dir/<type folder>/<id>.md}, creating the folders. */
    public static Result write(Collection<Memory> memories, Path dir) {
        List<Failure> failures = new ArrayList<>();
        List<Path> replaced = new ArrayList<>();
        Map<MemoryType, String> folderProblem = new HashMap<>();
        int written = 0;
        for (Memory m : memories) {
            Path folder = dir.resolve(m.type().folder());
            Path target = folder.resolve(m.id() + ".md");
            String problem = folderProblem.computeIfAbsent(m.type(), t -> prepare(folder));
            if (!problem.isEmpty()) {
                failures.add(new Failure(target, problem));
                continue;
            }
            try {
                boolean link = Files.isSymbolicLink(target);
                AtomicFiles.write(target, MemoryFormat.write(m).getBytes(StandardCharsets.UTF_8), false);
                if (link) {
                    replaced.add(target);
                }
                written++;
            } catch (IOException e) {
                failures.add(new Failure(target, SafeFiles.describe(e)));
            }
        }
        return new Result(written, failures, replaced);
    }

    /** Creates a type folder; empty if it can be written into, else why not. */
    private static String prepare(Path folder) {
        try {
            if (Files.isSymbolicLink(folder)) {
                return "the folder " + folder.getFileName() + " is a symbolic link: not written through";
            }
            if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                BasicFileAttributes a = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return a.isDirectory() ? "" : folder.getFileName() + " is there and is not a folder";
            }
            Files.createDirectories(folder);
            return "";
        } catch (IOException e) {
            return "cannot create the folder " + folder.getFileName() + ": " + SafeFiles.describe(e);
        }
    }
}
