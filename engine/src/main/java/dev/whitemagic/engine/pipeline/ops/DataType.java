package dev.whitemagic.engine.pipeline.ops;

import java.util.Locale;

/**
 * What flows along an edge of a pipeline. An operation declares the type it takes and the type
 * it makes; a connection is allowed when the receiving operation {@linkplain #accepts accepts}
 * what the sending one makes.
 */
public enum DataType {
    /** Anything (filters, sleep, aggregates that count). */
    ANY,
    /** A file or folder: {@link java.nio.file.Path}. */
    PATH,
    /** A file's text: {@link FileText}. */
    FILE_TEXT,
    /** One line of a file: {@link Line}. */
    LINE,
    /** Plain text: {@link String}. */
    STRING,
    /** Counts by key (words, patterns): {@link Counts}. */
    COUNTS,
    /** A file's similarity to a reference: {@link Score}. */
    SCORE,
    /** A memory of the store: {@link dev.whitemagic.engine.memory.Memory}. */
    MEMORY,
    /** A memory found by a search: {@link dev.whitemagic.engine.memory.SearchHit}. */
    HIT,
    /** Text of any kind: {@link FileText}, {@link Line} or {@link String} (only as an input). */
    TEXT,
    /** The same type as the input (only as an output: transforms, filters, sleep). */
    SAME;

    /** Whether an input of this type takes items of type {@code made}. */
    public boolean accepts(DataType made) {
        if (this == ANY || made == ANY) {
            return true;
        }
        if (this == TEXT) {
            return made == FILE_TEXT || made == LINE || made == STRING || made == TEXT;
        }
        return this == made;
    }

    /** The name used in pipeline files and messages: {@code file_text}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
