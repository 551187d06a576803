package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Files above this size are not read as memories. */
    static final long MAX_FILE = 16L * 1024 * 1024;
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

    /** The {@code .md} files of the three folders (hidden and temp files skipped), listed in parallel. */
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
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.md")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                SafeFiles.Checked c = SafeFiles.check(p, true);
                if (!c.ok()) {
                    problems.add(p + ": " + c.error());
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
            return new Loaded(f, null, "larger than " + MAX_FILE / (1024 * 1024) + " MiB; not read");
        }
        try {
            String text = new String(Files.readAllBytes(f.path()), StandardCharsets.UTF_8);
            String name = f.path().getFileName().toString();
            String id = name.substring(0, name.length() - 3);
            Memory m = MemoryFormat.parse(text, id, f.type(), Instant.ofEpochMilli(f.mtime()));
            return new Loaded(f, m.withPath(f.path()), null);
        } catch (IOException e) {
            return new Loaded(f, null, SafeFiles.describe(e));
        }
    }

    static Map<String, Found> byPath(List<Found> files) {
        Map<String, Found> m = new ConcurrentHashMap<>();
        files.forEach(f -> m.put(f.path().toString(), f));
        return m;
    }
}
