package dev.whitemagic.engine.scheduler;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of the job history: a task's state as one JSON object, for example
 * <pre>{@code
 * {"v":1,"id":7,"name":"read docs","kind":"read","priority":"NORMAL","status":"COMPLETED",
 *  "createdAt":"2026-01-01T00:00:00Z","startedAt":"…","finishedAt":"…","attempts":1,
 *  "dependencies":[3],"resultSummary":"120 files","recipe":{"type":"read","params":{"dir":"/docs"}}}
 * }</pre>
 * Null fields are left out. Decoding refuses anything that is not a whole, valid record.
 */
final class HistoryCodec {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HistoryCodec() {}

    /**
     * The record as one line of UTF-8, ending in a newline, saying which open history wrote it
     * ({@code owner}; may be null).
     */
    static byte[] encode(TaskInfo t, String owner) {
        ObjectNode o = node(t);
        if (owner != null) {
            o.put("owner", owner);
        }
        return (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Which open history wrote a record, or null. */
    static String owner(JsonNode o) {
        JsonNode w = o.get("owner");
        return w != null && w.isString() ? w.asString() : null;
    }

    /** The record as one line of UTF-8, ending in a newline. */
    static byte[] encode(TaskInfo t) {
        return encode(t, null);
    }

    private static ObjectNode node(TaskInfo t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("v", VERSION);
        o.put("id", t.id());
        o.put("name", t.name());
        o.put("kind", t.kind());
        o.put("priority", t.priority().name());
        o.put("status", t.status().name());
        o.put("createdAt", t.createdAt().toString());
        putTime(o, "startedAt", t.startedAt());
        putTime(o, "finishedAt", t.finishedAt());
        o.put("attempts", t.attempts());
        if (!t.dependencies().isEmpty()) {
            ArrayNode deps = o.putArray("dependencies");
            t.dependencies().forEach(deps::add);
        }
        if (t.resultSummary() != null) {
            o.put("resultSummary", t.resultSummary());
        }
        if (t.error() != null) {
            o.put("error", t.error());
        }
        if (t.progressTotal() != 0 || t.progressDone() != 0) {
            o.put("progressDone", t.progressDone());
            o.put("progressTotal", t.progressTotal());
        }
        if (t.recipe() != null) {
            ObjectNode r = o.putObject("recipe");
            r.put("type", t.recipe().type());
            ObjectNode p = r.putObject("params");
            new TreeMap<>(t.recipe().params()).forEach(p::put);
        }
        return o;
    }

    /**
     * The task a line describes.
     *
     * @throws IllegalArgumentException when the line is not a whole, valid record
     */
    static TaskInfo decode(String line) {
        return decode(parse(line));
    }

    /**
     * One line as JSON.
     *
     * @throws IllegalArgumentException when it is not a JSON object
     */
    static JsonNode parse(String line) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (!(o instanceof ObjectNode)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return o;
    }

    /** A record saying that a job was cleared from the queue: {@code {"removed": id}}. */
    static byte[] encodeRemoved(long id) {
        return ("{\"removed\":" + id + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The id a removal record names, or -1 when the record describes a task. */
    static long removedId(JsonNode o) {
        JsonNode r = o.get("removed");
        return r != null && r.isIntegralNumber() && r.asLong() > 0 ? r.asLong() : -1;
    }

    /**
     * The task a parsed line describes.
     *
     * @throws IllegalArgumentException when it is not a whole, valid record
     */
    static TaskInfo decode(JsonNode o) {
        try {
            long id = requireNumber(o, "id").asLong();
            if (id <= 0) {
                throw new IllegalArgumentException("id must be positive");
            }
            List<Long> deps = new ArrayList<>();
            JsonNode d = o.get("dependencies");
            if (d != null && !d.isNull()) {
                if (!d.isArray()) {
                    throw new IllegalArgumentException("dependencies is not an array");
                }
                for (JsonNode x : d) {
                    if (!x.isIntegralNumber()) {
                        throw new IllegalArgumentException("dependency is not a number");
                    }
                    deps.add(x.asLong());
                }
            }
            JsonNode attempts = o.get("attempts");
            return new TaskInfo(id, requireText(o, "name"), requireText(o, "kind"),
                    TaskPriority.valueOf(requireText(o, "priority")), TaskStatus.valueOf(requireText(o, "status")),
                    Instant.parse(requireText(o, "createdAt")), time(o, "startedAt"), time(o, "finishedAt"), deps,
                    text(o, "resultSummary"), text(o, "error"), attempts == null ? 0 : attempts.asInt(),
                    number(o, "progressDone"), number(o, "progressTotal"), recipe(o.get("recipe")), true);
        } catch (RuntimeException e) {
            throw e instanceof IllegalArgumentException iae ? iae : new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static JobRecipe recipe(JsonNode r) {
        if (r == null || r.isNull()) {
            return null;
        }
        String type = requireText(r, "type");
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = r.get("params");
        if (p != null && !p.isNull()) {
            if (!(p instanceof ObjectNode po)) {
                throw new IllegalArgumentException("recipe params is not an object");
            }
            for (Map.Entry<String, JsonNode> e : po.properties()) {
                if (!e.getValue().isString()) {
                    throw new IllegalArgumentException("recipe param " + e.getKey() + " is not text");
                }
                params.put(e.getKey(), e.getValue().asString());
            }
        }
        return new JobRecipe(type, params);
    }

    private static void putTime(ObjectNode o, String field, Instant t) {
        if (t != null) {
            o.put(field, t.toString());
        }
    }

    private static JsonNode requireNumber(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " is missing or not a whole number");
        }
        return n;
    }

    private static long number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || !n.isIntegralNumber() ? 0 : n.asLong();
    }

    private static String requireText(JsonNode o, String field) {
        String s = text(o, field);
        if (s == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return s;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw new IllegalArgumentException(field + " is not text");
        }
        return n.asString();
    }

    private static Instant time(JsonNode o, String field) {
        String s = text(o, field);
        return s == null ? null : Instant.parse(s);
    }
}
