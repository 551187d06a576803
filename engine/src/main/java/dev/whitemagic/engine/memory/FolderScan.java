package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/** Lists and reads the memory files of the three folders, in parallel. */
final class FolderScan {

    /** Files above this size are not read as memories: the same limit the store writes under. */
    static final long MAX_FILE = MemoryFormat.MAX_FILE_SIZE;
    /** The problem reported for a symbolic link in a memory folder, which is never followed. */
    static final String SKIPPED_LINK = "skipped symbolic link";
    private static final int CHUNK = 64;

    /** One file as found on disk. */
    record Found(Path path, MemoryType type, long size, long mtime) {
        long hash(Path memoryDir) {
            return Fingerprint.hash(memoryDir.relativize(path).toString(), size, mtime);
        }
    }

    /** One file read: the memory, or why not. */
    record Loaded(Found file, Memory memory, String error) {}

    private FolderScan() {}

    /**
     * The {@code .md} files of the three folders (hidden and temp files skipped), listed in
     * parallel. Symbolic links are not followed: a link planted in a folder would otherwise be read
     * (and archived, copied) as a memory, whatever it points to; each is a problem.
     */
    static List<Found> list(Path memoryDir, Executor executor, List<String> problems) {
        List<CompletableFuture<List<Found>>> parts = new ArrayList<>();
        for (MemoryType t : MemoryType.values()) {
            parts.add(CompletableFuture.supplyAsync(() -> listOne(memoryDir.resolve(t.folder()), t, problems), executor));
        }
        List<Found> out = new ArrayList<>();
        parts.forEach(f -> out.addAll(f.join()));
        return out;
    }

    private static List<Found> listOne(Path dir, MemoryType type, List<String> problems) {
        List<Found> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        if (leadsOut(dir)) {
            problems.add(dir + ": skipped symbolic link (it leads out of the store)");
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.md")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                SafeFiles.Checked c = SafeFiles.check(p, false);
                if (!c.ok()) {
                    problems.add(p + ": " + (c.attributes() != null && c.attributes().isSymbolicLink() ? SKIPPED_LINK : c.error()));
                    continue;
                }
                BasicFileAttributes a = c.attributes();
                out.add(new Found(p, type, a.size(), a.lastModifiedTime().toMillis()));
            }
        } catch (IOException e) {
            problems.add(dir + ": " + SafeFiles.describe(e));
        }
        return out;
    }

    /** Whether a type folder is a symbolic link to a folder outside {@code memory/}. */
    static boolean leadsOut(Path dir) {
        if (!Files.isSymbolicLink(dir)) {
            return false;
        }
        try {
            return !dir.toRealPath().startsWith(dir.getParent().toRealPath());
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads and parses files in parallel chunks; failures are values. */
    static List<Loaded> load(List<Found> files, Executor executor) {
        List<CompletableFuture<List<Loaded>>> parts = new ArrayList<>();
        for (int i = 0; i < files.size(); i += CHUNK) {
            List<Found> chunk = files.subList(i, Math.min(files.size(), i + CHUNK));
            parts.add(CompletableFuture.supplyAsync(() -> chunk.stream().map(FolderScan::load).toList(), executor));
        }
        List<Loaded> out = new ArrayList<>(files.size());
        parts.forEach(f -> out.addAll(f.join()));
        return out;
    }

    static Loaded load(Found f) {
        if (f.size() > MAX_FILE) {
            return new Loaded(f, null, "larger than " + MemoryFormat.mebibytes(MAX_FILE) + "; not read");
        }
        byte[] bytes;
        // Not through a link swapped in since the listing, and never past the limit if the file grew.
        try (InputStream in = Files.newInputStream(f.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) MAX_FILE + 1);
        } catch (IOException e) {
            return new Loaded(f, null, SafeFiles.describe(e));
        }
        if (bytes.length > MAX_FILE) {
            return new Loaded(f, null, "grew past " + MemoryFormat.mebibytes(MAX_FILE) + " while being read; not read");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String name = f.path().getFileName().toString();
        String id = name.substring(0, name.length() - 3);
        Memory m = MemoryFormat.parse(text, id, f.type(), Instant.ofEpochMilli(f.mtime()));
        return new Loaded(f, m.withPath(f.path()), null);
    }

    static Map<String, Found> byPath(List<Found> files) {
        Map<String, Found> m = new ConcurrentHashMap<>();
        files.forEach(f -> m.put(f.path().toString(), f));
        return m;
    }
}
