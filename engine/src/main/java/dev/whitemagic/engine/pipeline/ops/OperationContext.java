package dev.whitemagic.engine.pipeline.ops;

import dev.whitemagic.engine.memory.MemoryStore;
import java.util.function.Supplier;

/**
 * What operations may use besides their parameters: the memory store (opened only when an
 * operation asks for it).
 *
 * <pre>{@code
 * OperationContext ctx = OperationContext.of(engine::memory);
 * }</pre>
 */
public interface OperationContext {

    /**
     * The memory store.
     *
     * @throws IllegalStateException when this context has none
     */
    MemoryStore memory();

    /** A context with the store {@code memory} supplies. */
    static OperationContext of(Supplier<MemoryStore> memory) {
        return memory::get;
    }

    /** A context without a memory store (the memory operations then fail with a message). */
    static OperationContext none() {
        return () -> {
            throw new IllegalStateException("no memory store here");
        };
    }
}
