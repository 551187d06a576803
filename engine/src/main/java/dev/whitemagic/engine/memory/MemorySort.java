package dev.whitemagic.engine.memory;

/**
 * The order of {@link MemoryStore#list}. Ties are broken by id, so the order is stable.
 *
 * <pre>{@code
 * List<Memory> newest = store.list(null, false, MemorySort.NEWEST_FIRST);
 * }</pre>
 */
public enum MemorySort {
    /** Most recently created first. */
    NEWEST_FIRST,
    /** Oldest first. */
    OLDEST_FIRST,
    /** By title, ignoring case. */
    TITLE
}
