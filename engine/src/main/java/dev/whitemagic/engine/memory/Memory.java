package dev.whitemagic.engine.memory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One memory: a markdown file in WhiteMagic's folder format. Immutable.
 *
 * <p>The id is the file name without {@code .md} (for example {@code 20250101_120000_example}); it
 * stays the same when the memory moves between folders. {@code extra} holds the frontmatter keys
 * this class does not model, verbatim and in file order, so that writing the memory back keeps
 * them. {@code warning} is non-null when the file was imported despite a problem (malformed
 * frontmatter, an unreadable date); the body is kept in that case.
 *
 * <pre>{@code
 * Memory m = store.read("20250101_120000_example").orElseThrow();
 * m.title(); m.tags(); m.type();            // "Example", [alpha, beta], SHORT_TERM
 * m.problem().ifPresent(System.err::println);
 * }</pre>
 *
 * @param id      the file name without {@code .md}
 * @param title   one line
 * @param content the markdown body after the frontmatter
 * @param tags    distinct tags in file order
 * @param type    the folder the file is in
 * @param created when it was created (from the frontmatter, else the file name, else the file time)
 * @param updated when it was last changed through the store, or {@code null}
 * @param path    the file, or {@code null} for a memory not yet written
 * @param extra   other frontmatter keys, raw values, in file order
 * @param warning why the file was not read cleanly, or {@code null}
 */
public record Memory(String id, String title, String content, List<String> tags, MemoryType type,
        Instant created, Instant updated, Path path, Map<String, String> extra, String warning) {

    public Memory {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        content = content == null ? "" : content;
        tags = normalizeTags(tags == null ? List.of() : tags);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The warning, if the file was not read cleanly. */
    public Optional<String> problem() {
        return Optional.ofNullable(warning);
    }

    /** Whether it carries {@code tag} (ignoring case). */
    public boolean hasTag(String tag) {
        for (String t : tags) {
            if (t.equalsIgnoreCase(tag)) {
                return true;
            }
        }
        return false;
    }

    Memory withType(MemoryType newType, Path newPath) {
        return new Memory(id, title, content, tags, newType, created, updated, newPath, extra, warning);
    }

    Memory withPath(Path newPath) {
        return new Memory(id, title, content, tags, type, created, updated, newPath, extra, warning);
    }

    Memory withExtra(Map<String, String> newExtra) {
        return new Memory(id, title, content, tags, type, created, updated, path, newExtra, warning);
    }

    Memory edited(String newTitle, String newContent, List<String> newTags, Instant when) {
        return new Memory(id, newTitle, newContent, newTags, type, created, when, path, extra, null);
    }

    /** Trimmed, non-empty, distinct (ignoring case, first spelling wins), in order. */
    static List<String> normalizeTags(Collection<String> raw) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String t : raw) {
            if (t == null) {
                continue;
            }
            String s = t.strip().replace('\n', ' ').replace('\r', ' ');
            if (!s.isEmpty() && seen.add(s.toLowerCase(Locale.ROOT))) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
