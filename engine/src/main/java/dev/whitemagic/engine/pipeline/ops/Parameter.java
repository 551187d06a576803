package dev.whitemagic.engine.pipeline.ops;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of an operation, as the editor's inspector shows it and a pipeline file sets it.
 *
 * @param name         the key in the pipeline file
 * @param kind         what it holds
 * @param required     whether a value must be given
 * @param defaultValue the value when none is given (as text; null for none)
 * @param description  one line for people
 * @param choices      the allowed values of a {@link Kind#CHOICE}
 * @param min          the smallest value of an {@link Kind#INTEGER}
 * @param max          the largest value of an {@link Kind#INTEGER}
 */
public record Parameter(String name, Kind kind, boolean required, String defaultValue, String description,
        List<String> choices, long min, long max) {

    /** What a parameter holds. */
    public enum Kind {
        STRING, INTEGER, BOOLEAN, REGEX, PATH, CHOICE,
        /** Several strings (a JSON array, or one comma-separated string). */
        LIST
    }

    /** Copies the choices. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is above max " + max);
        }
    }

    /** A parameter whose integers may be any {@code long}. */
    public Parameter(String name, Kind kind, boolean required, String defaultValue, String description,
            List<String> choices) {
        this(name, kind, required, defaultValue, description, choices, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** An optional whole number from {@code min} to {@code max}, with a default. */
    public static Parameter integer(String name, long defaultValue, long min, long max, String description) {
        return new Parameter(name, Kind.INTEGER, false, String.valueOf(defaultValue), description, List.of(), min, max);
    }

    /** Whether {@code value} is within {@link #min()} and {@link #max()}. */
    public boolean inRange(long value) {
        return value >= min && value <= max;
    }

    /** A required parameter. */
    public static Parameter required(String name, Kind kind, String description) {
        return new Parameter(name, kind, true, null, description, List.of());
    }

    /** An optional parameter with a default. */
    public static Parameter optional(String name, Kind kind, String defaultValue, String description) {
        return new Parameter(name, kind, false, defaultValue, description, List.of());
    }

    /** A choice among {@code choices}, the first being the default. */
    public static Parameter choice(String name, String description, String... choices) {
        return new Parameter(name, Kind.CHOICE, false, choices[0], description, List.of(choices));
    }
}
