package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code memory/metadata.json}: {@code memory_index} (one entry per memory id: id, title, type,
 * tags, created, path relative to {@code memory/}) and {@code consolidation_log}, kept for tools
 * that read it. Other top-level keys found in the file are kept. Written atomically.
 */
final class MetadataFile {

    static final String NAME = "metadata.json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Path memoryDir;

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

    void write(Collection<Memory> memories, Map<String, Object> logEntry) throws IOException {
        ObjectNode root = load();
        ObjectNode index = JSON.createObjectNode();
        memories.stream().sorted(Comparator.comparing(Memory::id)).forEach(m -> {
            ObjectNode e = index.putObject(m.id());
            e.put("id", m.id());
            e.put("title", m.title());
            e.put("type", m.type().folder());
            ArrayNode tags = e.putArray("tags");
            m.tags().forEach(tags::add);
            e.put("created", m.created().toString());
            e.put("path", m.path() == null ? null : memoryDir.relativize(m.path()).toString().replace('\\', '/'));
        });
        root.set("memory_index", index);
        JsonNode log = root.get("consolidation_log");
        ArrayNode logArray = log instanceof ArrayNode a ? a : JSON.createArrayNode();
        if (logEntry != null) {
            logArray.add(JSON.valueToTree(logEntry));
        }
        root.set("consolidation_log", logArray);
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
