package dev.whitemagic.engine.pipeline.ops;

import java.util.List;

/**
 * Adds operations to {@link OperationRegistry#load()} through {@link java.util.ServiceLoader}: list
 * the implementing class in {@code META-INF/services/dev.whitemagic.engine.pipeline.ops.OperationProvider}.
 *
 * <pre>{@code
 * public final class MyOperations implements OperationProvider {
 *     public List<Operation> operations() { return List.of(new Shout()); }
 * }
 * }</pre>
 */
public interface OperationProvider {

    /** The operations this provider adds. */
    List<Operation> operations();
}
