package dev.whitemagic.engine.files;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The ignore files in force for a folder, innermost first: each folder's {@code .gitignore} and
 * {@code .ignore} on top of its parent's. Within one file the last matching line wins; a deeper
 * file overrides a shallower one, and {@code .ignore} overrides {@code .gitignore} of the same
 * folder (as ripgrep does). Immutable: children share their parent's chain.
 */
final class IgnoreRules {

    /** No rules at all. */
    static final IgnoreRules NONE = new IgnoreRules(null, "", List.of());

    private final IgnoreRules parent;
    private final String base;
    private final List<Glob> rules;

    private IgnoreRules(IgnoreRules parent, String base, List<Glob> rules) {
        this.parent = parent;
        this.base = base;
        this.rules = rules;
    }

    /**
     * These rules plus one ignore file's, whose folder is {@code base} (relative to the scan root,
     * {@code ""} for the root). Lines that cannot be read are passed to {@code bad} and skipped.
     */
    IgnoreRules with(String base, String text, BiConsumer<Integer, String> bad) {
        List<Glob> parsed = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            try {
                Glob g = Glob.ignoreLine(lines[i]);
                if (g != null) {
                    parsed.add(g);
                }
            } catch (IllegalArgumentException e) {
                bad.accept(i + 1, e.getMessage());
            }
        }
        return parsed.isEmpty() ? this : new IgnoreRules(this, base, List.copyOf(parsed));
    }

    /** Whether the entry at {@code rel} (relative to the scan root) is ignored. */
    boolean ignored(String rel, String name, boolean isDir) {
        for (IgnoreRules r = this; r != null && r.rules != null; r = r.parent) {
            if (r.rules.isEmpty()) {
                continue;
            }
            String local = r.base.isEmpty() ? rel : rel.substring(r.base.length() + 1);
            for (int i = r.rules.size() - 1; i >= 0; i--) {
                Glob g = r.rules.get(i);
                if (g.matches(local, name, isDir)) {
                    return !g.negated();
                }
            }
        }
        return false;
    }
}
