package dev.whitemagic.engine.pipeline.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameter values of one stage, with the operation's defaults filled in. Values come from
 * JSON (strings, numbers, booleans, arrays) or from the editor (strings); the accessors convert.
 */
public final class Parameters {
    private final Map<String, Object> values;

    /** {@code given} over the defaults of {@code declared}. */
    public Parameters(List<Parameter> declared, Map<String, ?> given) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Parameter p : declared) {
            if (p.defaultValue() != null) {
                v.put(p.name(), p.defaultValue());
            }
        }
        given.forEach((k, x) -> {
            if (x != null && !(x instanceof String s && s.isEmpty() && v.containsKey(k))) {
                v.put(k, x);
            }
        });
        this.values = v;
    }

    /** Whether a value is there (given or a default). */
    public boolean has(String name) {
        Object v = values.get(name);
        return v != null && !(v instanceof String s && s.isBlank()) && !(v instanceof Collection<?> c && c.isEmpty());
    }

    /** The value as text ("" when absent). */
    public String string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return "";
        }
        if (v instanceof Collection<?> c) {
            return String.join(",", c.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    /**
     * The value as an integer.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public long integer(String name) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException(name + ": expected a whole number, got " + v);
            }
            return n.longValue();
        }
        try {
            return Long.parseLong(string(name).strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got '" + string(name) + "'");
        }
    }

    /** The value as a boolean ("true"/"yes"/"1" are true). */
    public boolean bool(String name) {
        Object v = values.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = string(name).strip().toLowerCase(Locale.ROOT);
        return s.equals("true") || s.equals("yes") || s.equals("1") || s.equals("on");
    }

    /** The value as a list: a JSON array, or text split at commas; blanks dropped. */
    public List<String> list(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                if (o != null && !String.valueOf(o).isBlank()) {
                    out.add(String.valueOf(o).strip());
                }
            }
        } else if (v != null) {
            for (String s : String.valueOf(v).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /** The value as a path. */
    public Path path(String name) {
        return Path.of(string(name).strip());
    }

    /** The values as given and defaulted. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
