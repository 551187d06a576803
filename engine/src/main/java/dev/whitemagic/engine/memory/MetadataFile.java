package dev.whitemagic.engine.memory;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code memory/metadata.json}: {@code memory_index} (one entry per memory id: id, title, type,
 * tags, created, path relative to {@code memory/}) and {@code consolidation_log}, kept for tools
 * that read it. Other top-level keys found in the file are kept. Written atomically; a damaged
 * file is set aside and rewritten on open ({@link #checkOnOpen()}); in a read-only folder it is
 * left as it is.
 *
 * <p>The index of memories is streamed out, not built as a tree, and the file is read back only
 * when something else changed it since this writer's last write (its size or time differ): at
 * 100,000 memories a write is a few hundred milliseconds instead of seconds. Thread-safe.
 */
final class MetadataFile {

    static final String NAME = "metadata.json";
    static final String INDEX = "memory_index";
    static final String LOG = "consolidation_log";
    /** The name a damaged file is kept under. */
    static final String ASIDE = NAME + ".damaged";
    /** Files up to this size are parsed whole on open to find damage (a few milliseconds). */
    static final long FULL_CHECK_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();
    private static final Comparator<Memory> BY_ID = Comparator.comparing(Memory::id);

    private final Path file;
    private final Path memoryDir;
    /** The top-level keys other than {@value #INDEX} as of the last write (in file order), or null. */
    private ObjectNode rest; // guarded by this
    /** Size and time of the file after the last write; a difference means someone else wrote it. */
    private long writtenSize = -1; // guarded by this
    private long writtenTime = -1; // guarded by this

    MetadataFile(Path memoryDir) {
        this.memoryDir = memoryDir;
        this.file = memoryDir.resolve(NAME);
    }

    /**
     * Run when the store opens, by the holder of the writer lock: a {@code metadata.json} that cannot be read (damaged JSON, not an
     * object, a folder, a link, a FIFO) is set aside as {@value #ASIDE}… so that the open writes a
     * fresh one (it is derived; the old one is kept, since its log and other keys are not); in a
     * read-only folder nothing is moved and the store can still be read. Returns notes for
     * {@link MemoryStore#problems()}.
     */
    List<String> checkOnOpen() {
        List<String> notes = new ArrayList<>();
        boolean writable = Files.isWritable(memoryDir);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return notes;
        } catch (IOException e) {
            notes.add(file + ": " + SafeFiles.describe(e));
            return notes;
        }
        String what = a.isRegularFile() ? damage(a.size())
                : a.isDirectory() ? "a folder" : a.isSymbolicLink() ? "a symbolic link" : "not a regular file";
        if (what == null) {
            return notes;
        }
        if (!writable) {
            notes.add(file + " is " + what + "; left as it is (the folder is read-only)");
            return notes;
        }
        try {
            Path aside = asideName();
            Files.move(file, aside, LinkOption.NOFOLLOW_LINKS);
            notes.add(file + " was " + what + "; kept as " + aside.getFileName() + " and written anew");
        } catch (IOException e) {
            notes.add(file + " is " + what + " and could not be set aside: " + SafeFiles.describe(e));
        }
        return notes;
    }

    /**
     * Why the regular file of {@code size} bytes cannot be read as metadata, or {@code null}. Up to
     * {@value #FULL_CHECK_BYTES} bytes the whole file is parsed (streaming, no tree); a larger one
     * (100,000 memories make 30 MB, seconds to parse when a command starts) only has to begin and
     * end with a brace, which finds a truncated or overwritten file; other damage is found by the
     * next write, which reads the file and rewrites it.
     */
    private String damage(long size) {
        try {
            if (size > FULL_CHECK_BYTES) {
                return endsLookRight() ? null : "damaged (not a whole JSON object)";
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                    JsonParser p = JSON.createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return "damaged (not a JSON object)";
                }
                p.skipChildren();
                return p.nextToken() == null ? null : "damaged (more after the JSON object)";
            }
        } catch (JacksonException e) {
            return "damaged (" + e.getOriginalMessage() + ")";
        } catch (IOException e) {
            return "unreadable (" + SafeFiles.describe(e) + ")";
        }
    }

    /** Whether the first non-blank byte is an opening brace and the last a closing one. */
    private boolean endsLookRight() throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer head = ByteBuffer.allocate(64);
            ch.read(head);
            ByteBuffer tail = ByteBuffer.allocate(64);
            ch.position(Math.max(0, ch.size() - tail.capacity()));
            ch.read(tail);
            return firstNonBlank(head.flip(), true) == '{' && firstNonBlank(tail.flip(), false) == '}';
        }
    }

    private static int firstNonBlank(ByteBuffer b, boolean fromStart) {
        for (int i = 0; i < b.limit(); i++) {
            byte c = b.get(fromStart ? i : b.limit() - 1 - i);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return c;
            }
        }
        return -1;
    }

    /** {@value #ASIDE}, or with {@code -2}, {@code -3} … when taken. */
    private Path asideName() {
        Path aside = file.resolveSibling(ASIDE);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(ASIDE + "-" + n);
        }
        return aside;
    }

    /** The file as an object; a missing or unreadable file (or a link, not followed) reads as empty (it is derived). */
    ObjectNode load() {
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                JsonNode n = JSON.readTree(Files.readAllBytes(file));
                if (n instanceof ObjectNode o) {
                    return o;
                }
            }
        } catch (IOException | JacksonException e) {
            // rewritten below
        }
        return JSON.createObjectNode();
    }

    synchronized void write(Collection<Memory> memories, Map<String, Object> logEntry) throws IOException {
        ObjectNode others = rest != null && unchangedSinceWritten() ? rest : load();
        ObjectNode root = JSON.createObjectNode();
        if (!others.has(INDEX)) {
            root.putNull(INDEX); // placeholder: the index goes first in a new file
        }
        root.setAll(others);
        JsonNode log = root.get(LOG);
        ArrayNode logArray = log instanceof ArrayNode a ? a : JSON.createArrayNode();
        if (logEntry != null) {
            logArray.add(JSON.valueToTree(logEntry));
        }
        root.set(LOG, logArray);

        Memory[] sorted = memories.toArray(new Memory[0]);
        Arrays.parallelSort(sorted, BY_ID);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, sorted.length * 256));
        try (JsonGenerator g = PRETTY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                g.writeName(e.getKey());
                if (e.getKey().equals(INDEX)) {
                    writeIndex(g, sorted);
                } else {
                    g.writeTree(e.getValue());
                }
            }
            g.writeEndObject();
        }
        try {
            AtomicFiles.write(file, out.toByteArray());
        } catch (IOException e) {
            if (!Files.isWritable(memoryDir)) {
                // A store opened on a read-only folder: it can be read, and the file (derived) stays as it is.
                rest = null;
                return;
            }
            throw e;
        }
        root.remove(INDEX);
        rest = root;
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        writtenSize = a.size();
        writtenTime = a.lastModifiedTime().toMillis();
    }

    private void writeIndex(JsonGenerator g, Memory[] sorted) {
        String prefix = memoryDir.toString() + memoryDir.getFileSystem().getSeparator();
        g.writeStartObject();
        for (Memory m : sorted) {
            g.writeName(m.id());
            g.writeStartObject();
            g.writeStringProperty("id", m.id());
            g.writeStringProperty("title", m.title());
            g.writeStringProperty("type", m.type().folder());
            g.writeName("tags");
            g.writeStartArray();
            for (String t : m.tags()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeStringProperty("created", m.created().toString());
            if (m.path() == null) {
                g.writeNullProperty("path");
            } else {
                String p = m.path().toString();
                String rel = p.startsWith(prefix) && !p.contains("..") ? p.substring(prefix.length())
                        : memoryDir.relativize(m.path()).toString();
                g.writeStringProperty("path", rel.replace('\\', '/'));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private boolean unchangedSinceWritten() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() == writtenSize && a.lastModifiedTime().toMillis() == writtenTime;
        } catch (IOException e) {
            return false;
        }
    }
}
