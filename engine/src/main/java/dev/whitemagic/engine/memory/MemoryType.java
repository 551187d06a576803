package dev.whitemagic.engine.memory;

import java.util.Optional;

/**
 * Where a memory lives: WhiteMagic's three folders under {@code memory/}.
 *
 * <pre>{@code
 * Path dir = home.resolve("memory").resolve(MemoryType.LONG_TERM.folder());   // memory/long_term
 * MemoryType t = MemoryType.fromFolder("archive").orElseThrow();             // ARCHIVE
 * }</pre>
 */
public enum MemoryType {
    /** {@code memory/short_term}: new memories, subject to consolidation. */
    SHORT_TERM("short_term"),
    /** {@code memory/long_term}: kept. */
    LONG_TERM("long_term"),
    /** {@code memory/archive}: deleted without being destroyed; hidden from lists and searches unless asked. */
    ARCHIVE("archive");

    private final String folder;

    MemoryType(String folder) {
        this.folder = folder;
    }

    /** The folder name under {@code memory/}, also the name used in {@code metadata.json}. */
    public String folder() {
        return folder;
    }

    /** The type for a folder name ({@code short_term}, {@code long_term}, {@code archive}), any case. */
    public static Optional<MemoryType> fromFolder(String name) {
        for (MemoryType t : values()) {
            if (t.folder.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
