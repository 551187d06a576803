package dev.whitemagic.engine.memory;

/**
 * One update's outcome in {@link ParallelMemoryManager#parallelUpdateMemories}: the memory as
 * saved, or why not ("no such memory", "title is empty", an I/O message).
 *
 * <pre>{@code
 * for (UpdateResult r : manager.parallelUpdateMemories(updates)) {
 *     if (!r.success()) System.err.println(r.id() + ": " + r.error());
 * }
 * }</pre>
 *
 * @param id     the memory the update named
 * @param memory the memory after the update, or {@code null}
 * @param error  why it failed, or {@code null}
 */
public record UpdateResult(String id, Memory memory, String error) {
    public boolean success() {
        return memory != null;
    }
}
