package dev.whitemagic.engine.text;

/**
 * How {@code grep} searches, as ripgrep's flags: {@code -F} {@link #fixedStrings}, {@code -i}
 * {@link #ignoreCase}, {@code -w} {@link #wordRegexp}, {@code -c} {@link #countOnly},
 * {@code -C N} {@link #context}, {@code -m N} {@link #maxCount} (0 = no limit).
 *
 * <pre>{@code
 * GrepOptions opts = GrepOptions.defaults().withIgnoreCase(true).withContext(2);
 * GrepPattern pattern = GrepPattern.compile("concurrenthashmap", opts);
 * }</pre>
 *
 * @param fixedStrings the pattern is a literal string, not a regex
 * @param ignoreCase   case-insensitive matching
 * @param wordRegexp   only matches with a non-word character (or line edge) on both sides
 * @param countOnly    only count matching lines per file; no hit lines are kept
 * @param context      lines of context before and after each hit ({@code -C}); 0 for none
 * @param maxCount     stop a file after this many matching lines; 0 for no limit
 */
public record GrepOptions(boolean fixedStrings, boolean ignoreCase, boolean wordRegexp, boolean countOnly,
        int context, int maxCount) {

    public GrepOptions {
        if (context < 0 || maxCount < 0) {
            throw new IllegalArgumentException("context and maxCount must be >= 0");
        }
    }

    /** A regex, case-sensitive, every hit kept, no context: {@code rg PATTERN}. */
    public static GrepOptions defaults() {
        return new GrepOptions(false, false, false, false, 0, 0);
    }

    public GrepOptions withFixedStrings(boolean v) {
        return new GrepOptions(v, ignoreCase, wordRegexp, countOnly, context, maxCount);
    }

    public GrepOptions withIgnoreCase(boolean v) {
        return new GrepOptions(fixedStrings, v, wordRegexp, countOnly, context, maxCount);
    }

    public GrepOptions withWordRegexp(boolean v) {
        return new GrepOptions(fixedStrings, ignoreCase, v, countOnly, context, maxCount);
    }

    public GrepOptions withCountOnly(boolean v) {
        return new GrepOptions(fixedStrings, ignoreCase, wordRegexp, v, context, maxCount);
    }

    public GrepOptions withContext(int lines) {
        return new GrepOptions(fixedStrings, ignoreCase, wordRegexp, countOnly, lines, maxCount);
    }

    public GrepOptions withMaxCount(int lines) {
        return new GrepOptions(fixedStrings, ignoreCase, wordRegexp, countOnly, context, lines);
    }
}
