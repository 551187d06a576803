package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * All-or-nothing batches of file changes, across crashes: new or replaced files, and files to
 * remove (a consolidation writes its merged note and the archived copies, and removes the
 * originals). A batch is written to {@code memory/.staging/<batch>/} with a {@code manifest.json}
 * (staged name → target path relative to {@code memory/}, and the paths to remove); then a
 * {@code COMMITTED} marker is written atomically (the commit point); then each file is moved to
 * its target and each removal done; then the folder is deleted. {@link #recover()} finishes a
 * committed batch and deletes an uncommitted one: only the holder of the store's writer lock
 * calls it, and a batch is only ever written under that lock, so a batch it finds belongs to a
 * process that died.
 */
final class BatchStaging {

    static final String FOLDER = ".staging";
    static final String MANIFEST = "manifest.json";
    static final String MARKER = "COMMITTED";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Thrown by the test hooks to stop a batch as if the process died there. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final Path memoryDir;
    private final Path root;
    /**
     * Staged files are written and fsynced by up to this many threads at once: an fsync mostly
     * waits for the file system's journal, and concurrent fsyncs can share a journal commit, so
     * more writers than cores help. Virtual threads: blocking file I/O has its carrier
     * compensated, and there is nothing to shut down.
     */
    static final int STAGE_WRITERS = 64;
    private static final int STAGE_MIN_CHUNK = 16;
    private static final Executor FSYNC_THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("wm-batch-fsync-", 0).factory());
    /** Test hook: stop (as if killed) after staging this many files, before the commit marker. */
    volatile int crashAfterStaged = -1;
    /** Test hook: stop (as if killed) after the marker and this many moves. */
    volatile int crashAfterMoved = -1;

    BatchStaging(Path memoryDir) {
        this.memoryDir = memoryDir;
        this.root = memoryDir.resolve(FOLDER);
    }

    /** One file of a batch: its final place, its text, and the file whose permissions it takes (or null). */
    record Staged(Path target, String text, Path like) {
        Staged(Path target, String text) {
            this(target, text, null);
        }
    }

    /** {@link #commit(List, List)} with nothing to remove. */
    void commit(List<Staged> files) throws IOException {
        commit(files, List.of());
    }

    /**
     * Writes every file to its target and then removes {@code removals}, all or nothing. On an I/O
     * error before the commit point nothing is left behind; while moving, the files already moved
     * are removed again. A removal that fails after every move is left to {@link #recover()}: the
     * batch stays, committed.
     */
    void commit(List<Staged> files, List<Path> removals) throws IOException {
        Set<Path> folders = new HashSet<>();
        for (Staged f : files) {
            if (folders.add(f.target().getParent())) {
                MemoryStore.requireInside(f.target());
            }
        }
        Path dir = root.resolve(UUID.randomUUID().toString());
        Files.createDirectories(dir);
        List<Path> moved = new ArrayList<>();
        try {
            ObjectNode manifest = JSON.createObjectNode();
            ArrayNode entries = manifest.putArray("entries");
            for (int i = 0; i < files.size(); i++) {
                ObjectNode e = entries.addObject();
                e.put("staged", stagedName(i));
                e.put("target", relative(files.get(i).target()));
            }
            ArrayNode remove = manifest.putArray("remove");
            removals.forEach(r -> remove.add(relative(r)));
            stage(dir, files);
            AtomicFiles.write(dir.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
            AtomicFiles.write(dir.resolve(MARKER), new byte[0]);
            for (int i = 0; i < files.size(); i++) {
                if (i == crashAfterMoved) {
                    throw new SimulatedCrash("after moving " + i + " files");
                }
                AtomicFiles.move(dir.resolve(stagedName(i)), files.get(i).target());
                moved.add(files.get(i).target());
            }
        } catch (IOException | RuntimeException e) {
            for (Path p : moved) {
                Files.deleteIfExists(p);
            }
            deleteTree(dir);
            throw e;
        }
        for (int i = 0; i < removals.size(); i++) {
            if (i == crashAfterRemoved) {
                throw new SimulatedCrash("after " + i + " removals");
            }
            Files.deleteIfExists(removals.get(i)); // a failure leaves the committed batch for recover()
        }
        deleteTree(dir);
    }

    /** Test hook: stop (as if killed) after the moves and this many removals. */
    volatile int crashAfterRemoved = -1;

    private String relative(Path p) {
        return memoryDir.relativize(p).toString().replace('\\', '/');
    }

    /**
     * Writes the staged files (each fsynced, so that the commit marker never precedes its files),
     * in parallel chunks; one by one when a crash hook is set.
     */
    private void stage(Path dir, List<Staged> files) throws IOException {
        if (crashAfterStaged >= 0) {
            for (int i = 0; i < files.size(); i++) {
                if (i == crashAfterStaged) {
                    throw new SimulatedCrash("after staging " + i + " files");
                }
                writeStaged(dir.resolve(stagedName(i)), files.get(i));
            }
            return;
        }
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        int chunk = Math.max(STAGE_MIN_CHUNK, (files.size() + STAGE_WRITERS - 1) / STAGE_WRITERS);
        for (int from = 0; from < files.size(); from += chunk) {
            int start = from;
            int end = Math.min(files.size(), from + chunk);
            parts.add(CompletableFuture.runAsync(() -> {
                for (int i = start; i < end; i++) {
                    try {
                        writeStaged(dir.resolve(stagedName(i)), files.get(i));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, FSYNC_THREADS));
        }
        IOException failure = null;
        for (CompletableFuture<Void> p : parts) {
            try {
                p.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException u && failure == null) {
                    failure = u.getCause();
                } else if (failure == null) {
                    throw e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void writeStaged(Path path, Staged file) throws IOException {
        byte[] bytes = file.text().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (file.like() != null) {
            AtomicFiles.keepPermissions(file.like(), path); // an archived private note stays private
        }
    }

    private static String stagedName(int i) {
        return String.format("%06d.md", i);
    }

    /** Finishes committed batches and discards the others; returns one line per batch handled. */
    List<String> recover() {
        List<String> notes = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return notes;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path dir : ds) {
                try {
                    if (Files.isRegularFile(dir.resolve(MARKER))) {
                        int n = finish(dir);
                        notes.add("finished an interrupted batch: " + n + " files moved");
                    } else {
                        notes.add("discarded an uncommitted batch");
                    }
                    deleteTree(dir);
                } catch (IOException | JacksonException e) {
                    notes.add("could not recover batch " + dir.getFileName() + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            notes.add("could not read " + root + ": " + e.getMessage());
        }
        return notes;
    }

    private int finish(Path dir) throws IOException {
        JsonNode manifest = JSON.readTree(Files.readAllBytes(dir.resolve(MANIFEST)));
        int n = 0;
        for (JsonNode e : manifest.get("entries")) {
            Path staged = dir.resolve(e.get("staged").asString());
            Path target = inside(e.get("target").asString());
            if (target == null || !Files.exists(staged)) {
                continue; // moved before the crash, or a manifest pointing outside memory/
            }
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                String name = target.getFileName().toString();
                target = target.resolveSibling(name.substring(0, name.length() - 3) + "_recovered.md");
            }
            AtomicFiles.move(staged, target);
            n++;
        }
        JsonNode remove = manifest.get("remove");
        if (remove != null) {
            for (JsonNode r : remove) {
                Path p = inside(r.asString());
                if (p != null) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return n;
    }

    /** {@code memory/<relative>}, or {@code null} when it points outside {@code memory/}. */
    private Path inside(String relative) {
        Path p = memoryDir.resolve(relative).normalize();
        return p.startsWith(memoryDir) && !p.equals(memoryDir) ? p : null;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
