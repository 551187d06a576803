package dev.whitemagic.engine.memory;

import java.util.List;
import java.util.Optional;

/**
 * What a batch create did: one item per draft, in input order, each the created memory or why
 * not. An atomic batch either creates every item ({@link #committed()}) or none.
 *
 * <pre>{@code
 * BatchCreateResult r = manager.batchCreateMemories(drafts, true);
 * if (!r.committed()) r.failures().forEach(i -> System.err.println(i.index() + ": " + i.error()));
 * }</pre>
 *
 * @param items     one per draft, in input order
 * @param atomic    whether the batch was all-or-nothing
 * @param committed whether the batch took effect (non-atomic: at least one created, or the batch was empty)
 */
public record BatchCreateResult(List<Item> items, boolean atomic, boolean committed) {

    public BatchCreateResult {
        items = List.copyOf(items);
    }

    /**
     * One draft's outcome.
     *
     * @param index  position in the input
     * @param memory the created memory, or {@code null}
     * @param error  why it was not created, or {@code null}
     */
    public record Item(int index, Memory memory, String error) {
        public boolean success() {
            return memory != null;
        }

        public Optional<Memory> created() {
            return Optional.ofNullable(memory);
        }
    }

    /** The memories created, in input order. */
    public List<Memory> created() {
        return items.stream().filter(Item::success).map(Item::memory).toList();
    }

    /** The items not created. */
    public List<Item> failures() {
        return items.stream().filter(i -> !i.success()).toList();
    }
}
