package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Shared helpers for the memory tests. */
final class MemoryFixtures {

    static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private MemoryFixtures() {}

    static MemoryStore open(Path home) {
        return MemoryStore.open(home, EXECUTOR);
    }

    /** Writes a memory file as another tool would, with a distinct modification time. */
    static Path writeRaw(Path home, MemoryType type, String name, String text) throws IOException {
        Path dir = home.resolve("memory").resolve(type.folder());
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        boolean existed = Files.exists(p);
        FileTime before = existed ? Files.getLastModifiedTime(p) : null;
        Files.writeString(p, text);
        if (existed) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(before.toMillis() + 2000));
        }
        return p;
    }

    static String md(String title, String tags, String body) {
        return "---\ntitle: " + title + "\ncreated: 2025-01-01T12:00:00Z\ntags: " + tags + "\n---\n" + body;
    }
}
