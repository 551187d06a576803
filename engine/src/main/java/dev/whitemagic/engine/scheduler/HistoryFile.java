package dev.whitemagic.engine.scheduler;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Reading and rewriting the job history file; see {@link JobHistory}. */
final class HistoryFile {

    private HistoryFile() {}

    /**
     * What a history file holds.
     *
     * @param latest   the latest record of each job, by id
     * @param lines    non-blank lines read
     * @param skipped  lines that were not a valid record (torn or garbage), left out
     * @param lastSeen the latest time in any record; null when there is none
     * @param endsClean whether the file is empty or ends with a newline (else the next append
     *                  must start a new line)
     */
    record Contents(TreeMap<Long, TaskInfo> latest, Map<Long, String> owners, long lines, long skipped, Instant lastSeen,
            boolean endsClean) {
        static Contents empty() {
            return new Contents(new TreeMap<>(), new HashMap<>(), 0, 0, null, true);
        }

        /** The highest id in the file (removed ones aside), or 0. */
        long maxId() {
            return latest.isEmpty() ? 0 : latest.lastKey();
        }
    }

    /**
     * Reads every line; a line that is not a whole, valid record is counted and skipped.
     *
     * @throws IOException when the file cannot be read at all
     */
    static Contents read(Path file) throws IOException {
        TreeMap<Long, TaskInfo> latest = new TreeMap<>();
        Map<Long, String> owners = new HashMap<>();
        long lines = 0;
        long skipped = 0;
        Instant lastSeen = null;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                TaskInfo t;
                String owner;
                try {
                    var node = HistoryCodec.parse(line);
                    long removed = HistoryCodec.removedId(node);
                    if (removed > 0) {
                        latest.remove(removed); // cleared from the queue
                        continue;
                    }
                    t = HistoryCodec.decode(node);
                    owner = HistoryCodec.owner(node);
                } catch (IllegalArgumentException e) {
                    skipped++;
                    continue;
                }
                latest.put(t.id(), t);
                if (owner != null) {
                    owners.put(t.id(), owner);
                } else {
                    owners.remove(t.id());
                }
                lastSeen = max(max(max(lastSeen, t.createdAt()), t.startedAt()), t.finishedAt());
            }
        } catch (NoSuchFileException e) {
            return Contents.empty();
        }
        return new Contents(latest, owners, lines, skipped, lastSeen, endsWithNewline(file));
    }

    /** Rewrites the file atomically (temp file, fsync, atomic move) with one line per task. */
    static void rewrite(Path file, Collection<TaskInfo> tasks) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                List<byte[]> chunk = new ArrayList<>();
                for (TaskInfo t : tasks) {
                    chunk.add(HistoryCodec.encode(t));
                    if (chunk.size() == 4096) {
                        writeAll(ch, chunk);
                        chunk.clear();
                    }
                }
                writeAll(ch, chunk);
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The latest records of the newest {@code keep} jobs (by id), oldest first. */
    static List<TaskInfo> newest(Map<Long, TaskInfo> latest, int keep) {
        List<TaskInfo> all = new ArrayList<>(latest.values());
        return all.size() <= keep ? all : new ArrayList<>(all.subList(all.size() - keep, all.size()));
    }

    /** Writes the byte arrays in one go. */
    static void writeAll(FileChannel ch, List<byte[]> records) throws IOException {
        int size = 0;
        for (byte[] r : records) {
            size += r.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        for (byte[] r : records) {
            buf.put(r);
        }
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
