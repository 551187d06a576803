package dev.whitemagic.engine.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A memory to create: what the caller chooses. The store picks the id, file name and times.
 *
 * <pre>{@code
 * Memory m = store.create(MemoryDraft.of("Deploy notes", "Run the migration first.", "ops", "deploy"));
 * Memory kept = store.create(new MemoryDraft("Rule", "Always…", List.of("decision"), MemoryType.LONG_TERM, Map.of()));
 * }</pre>
 *
 * @param title   one line; must not be blank
 * @param content the markdown body
 * @param tags    tags (trimmed, duplicates dropped)
 * @param type    the folder; {@code null} means {@link MemoryType#SHORT_TERM}
 * @param extra   other frontmatter keys to write, raw values
 * @param created when it was created (an import keeps the original date); {@code null} means now
 * @see MemoryFormat#MAX_FILE_SIZE the largest memory a store writes and reads
 */
public record MemoryDraft(String title, String content, List<String> tags, MemoryType type, Map<String, String> extra,
        Instant created) {

    /** A draft created now. */
    public MemoryDraft(String title, String content, List<String> tags, MemoryType type, Map<String, String> extra) {
        this(title, content, tags, type, extra, null);
    }

    public MemoryDraft {
        tags = tags == null ? List.of() : Memory.normalizeTags(tags);
        type = type == null ? MemoryType.SHORT_TERM : type;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A short-term memory with these tags. */
    public static MemoryDraft of(String title, String content, String... tags) {
        return new MemoryDraft(title, content, List.of(tags), MemoryType.SHORT_TERM, Map.of());
    }

    /**
     * Why this draft cannot be created, or {@code null} if it can: an empty title, no content, a
     * frontmatter key that is not allowed, or a file over {@link MemoryFormat#MAX_FILE_SIZE}.
     */
    String problem() {
        if (title == null || title.isBlank()) {
            return "title is empty";
        }
        if (content == null) {
            return "content is missing";
        }
        for (String key : extra.keySet()) {
            if (!MemoryFormat.isValidKey(key) || MemoryFormat.isKnownKey(key)) {
                return "frontmatter key '" + key + "' is not allowed";
            }
        }
        // A file over the readers' limit would be written, then never read again: refused here,
        // so every face (command line, window, batch, import) gets the same answer.
        return MemoryFormat.sizeProblem(MemoryFormat.fileSizeBound(title, content, tags, extra));
    }
}
