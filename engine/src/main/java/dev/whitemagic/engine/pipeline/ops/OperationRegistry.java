package dev.whitemagic.engine.pipeline.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The operations a pipeline may use, by id: the built-in ones (list files, read file, split into
 * lines, grep, match, word count, similarity, filter, transform, aggregate, create memory, search
 * memories, write file, sleep) and those of every {@link OperationProvider} on the class path.
 *
 * <pre>{@code
 * OperationRegistry ops = OperationRegistry.load();
 * ops.find("grep").ifPresent(op -> System.out.println(op.title() + ": " + op.description()));
 * }</pre>
 */
public final class OperationRegistry {
    private final Map<String, Operation> byId;
    private final List<String> problems;

    private OperationRegistry(Map<String, Operation> byId, List<String> problems) {
        this.byId = Collections.unmodifiableMap(byId);
        this.problems = List.copyOf(problems);
    }

    /** The built-in operations only. */
    public static OperationRegistry builtIn() {
        return of(List.of());
    }

    /** The built-in operations plus {@code extra} (an extra with a taken id is refused, with a problem). */
    public static OperationRegistry of(List<Operation> extra) {
        Map<String, Operation> m = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Operation op : BuiltinOperations.all()) {
            m.put(op.id(), op);
        }
        for (Operation op : extra) {
            if (m.putIfAbsent(op.id(), op) != null) {
                problems.add("operation '" + op.id() + "' from " + op.getClass().getName() + " is left out: the id is taken");
            }
        }
        return new OperationRegistry(m, problems);
    }

    /** The built-in operations plus those of the {@link OperationProvider}s found by {@link ServiceLoader}. */
    public static OperationRegistry load() {
        List<Operation> extra = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ServiceLoader.Provider<OperationProvider> p : ServiceLoader.load(OperationProvider.class).stream().toList()) {
            try {
                extra.addAll(p.get().operations());
            } catch (RuntimeException | ServiceConfigurationError e) {
                problems.add("operation provider " + p.type().getName() + " failed: " + e.getMessage());
            }
        }
        OperationRegistry r = of(extra);
        if (problems.isEmpty()) {
            return r;
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(r.problems);
        return new OperationRegistry(new LinkedHashMap<>(r.byId), all);
    }

    /** The operation with this id. */
    public Optional<Operation> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** All operations, built-in first. */
    public List<Operation> all() {
        return List.copyOf(byId.values());
    }

    /** Providers or operations that could not be added, for people. */
    public List<String> problems() {
        return problems;
    }
}
