package dev.whitemagic.engine.memory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code memory/metadata.json}: {@code memory_index} (one entry per memory id: id, title, type,
 * tags, created, path relative to {@code memory/}) and {@code consolidation_log}, kept for tools
 * that read it. Other top-level keys found in the file are kept. Written atomically.
 *
 * <p>The index of memories is streamed out, not built as a tree, and the file is read back only
 * when something else changed it since this writer's last write (its size or time differ): at
 * 100,000 memories a write is a few hundred milliseconds instead of seconds. Thread-safe.
 */
final class MetadataFile {

    static final String NAME = "metadata.json";
    static final String INDEX = "memory_index";
    static final String LOG = "consolidation_log";
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

    /** The file as an object; a missing or unreadable file reads as empty (it is derived). */
    ObjectNode load() {
        try {
            if (Files.isRegularFile(file)) {
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
        AtomicFiles.write(file, out.toByteArray());
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
