package dev.whitemagic.engine.memory;

import java.time.Instant;
import java.util.List;

/**
 * One search result: which memory, how well it matched, and a preview of its body with the
 * matched words between {@value #MARK_OPEN} and {@value #MARK_CLOSE}.
 *
 * <pre>{@code
 * for (SearchHit h : store.search("deploy*", null, List.of(), false, 10)) {
 *     System.out.printf("%.2f %s  %s%n", h.score(), h.title(), h.preview());  // "…run «deploy» after…"
 * }
 * }</pre>
 *
 * @param id      the memory's id
 * @param title   its title
 * @param type    its folder
 * @param tags    its tags
 * @param created when it was created
 * @param score   BM25 score (title weighted above body); higher is better, comparable within one query
 * @param preview up to about 200 characters of the body around the best match, matches marked; the
 *                start of the body when the match is in the title only
 */
public record SearchHit(String id, String title, MemoryType type, List<String> tags, Instant created, float score,
        String preview) {

    /** Opens a highlighted match in {@link #preview()}. */
    public static final String MARK_OPEN = "«";
    /** Closes a highlighted match in {@link #preview()}. */
    public static final String MARK_CLOSE = "»";

    public SearchHit {
        tags = List.copyOf(tags);
    }
}
