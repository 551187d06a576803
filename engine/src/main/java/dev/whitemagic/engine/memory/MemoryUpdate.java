package dev.whitemagic.engine.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to one memory: a new title and/or body (null = unchanged), tags to add and to remove.
 * Tags are compared ignoring case; a tag both added and removed ends up added.
 *
 * <pre>{@code
 * store.update(MemoryUpdate.of(id).withTitle("New title").addTags("done").removeTags("todo"));
 * }</pre>
 *
 * @param id         the memory to change
 * @param title      the new title, or {@code null}
 * @param content    the new body, or {@code null}
 * @param addTags    tags to add
 * @param removeTags tags to remove
 */
public record MemoryUpdate(String id, String title, String content, List<String> addTags, List<String> removeTags) {

    public MemoryUpdate {
        Objects.requireNonNull(id, "id");
        addTags = addTags == null ? List.of() : List.copyOf(addTags);
        removeTags = removeTags == null ? List.of() : List.copyOf(removeTags);
    }

    /** No change yet. */
    public static MemoryUpdate of(String id) {
        return new MemoryUpdate(id, null, null, List.of(), List.of());
    }

    public MemoryUpdate withTitle(String newTitle) {
        return new MemoryUpdate(id, newTitle, content, addTags, removeTags);
    }

    public MemoryUpdate withContent(String newContent) {
        return new MemoryUpdate(id, title, newContent, addTags, removeTags);
    }

    public MemoryUpdate addTags(String... tags) {
        return new MemoryUpdate(id, title, content, concat(addTags, tags), removeTags);
    }

    public MemoryUpdate removeTags(String... tags) {
        return new MemoryUpdate(id, title, content, addTags, concat(removeTags, tags));
    }

    /** Why this update cannot be applied, or {@code null}. */
    String problem() {
        if (title != null && title.isBlank()) {
            return "title is empty";
        }
        // The new parts alone: enough to refuse a body that cannot fit (the store reads no file over the limit).
        return MemoryFormat.sizeProblem(MemoryFormat.fileSizeBound(title, content, addTags, Map.of()));
    }

    /** The memory with this change applied (times and id kept). */
    Memory applyTo(Memory m, Instant now) {
        List<String> tags = new ArrayList<>();
        for (String t : m.tags()) {
            if (removeTags.stream().noneMatch(r -> r.strip().equalsIgnoreCase(t))) {
                tags.add(t);
            }
        }
        tags.addAll(addTags);
        return m.edited(title != null ? title.strip() : m.title(), content != null ? content : m.content(), tags, now);
    }

    private static List<String> concat(List<String> a, String[] b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
