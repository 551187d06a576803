package dev.whitemagic.engine.pipeline.ops;

import dev.whitemagic.engine.files.ConfinedFolder;
import dev.whitemagic.engine.memory.MemoryStore;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What operations may use besides their parameters: the memory store (opened only when an
 * operation asks for it) and the output folder, the only place an operation may write files.
 *
 * <pre>{@code
 * OperationContext ctx = OperationContext.of(engine::memory, ConfinedFolder.of(Path.of("out")));
 * }</pre>
 */
public interface OperationContext {

    /**
     * The memory store.
     *
     * @throws IllegalStateException when this context has none
     */
    MemoryStore memory();

    /**
     * The folder files are written in (the run's output folder, chosen by the user); nothing is
     * written outside it.
     *
     * @throws IllegalStateException when this context has none
     */
    default ConfinedFolder output() {
        throw new IllegalStateException("no output folder here");
    }

    /** A context with the store {@code memory} supplies, and no output folder. */
    static OperationContext of(Supplier<MemoryStore> memory) {
        return memory::get;
    }

    /** A context with the store {@code memory} supplies and the output folder {@code output}. */
    static OperationContext of(Supplier<MemoryStore> memory, ConfinedFolder output) {
        Objects.requireNonNull(output, "output");
        return new OperationContext() {
            @Override
            public MemoryStore memory() {
                return memory.get();
            }

            @Override
            public ConfinedFolder output() {
                return output;
            }
        };
    }

    /** A context without a memory store (the memory operations then fail with a message). */
    static OperationContext none() {
        return () -> {
            throw new IllegalStateException("no memory store here");
        };
    }
}
