package dev.whitemagic.engine.text;

/**
 * How {@link MultiPattern} matches: ASCII case folding, whole words only.
 *
 * <pre>{@code
 * MultiPattern p = MultiPattern.compile(List.of("async", "await"), new MatchOptions(true, true));
 * }</pre>
 *
 * @param ignoreCase ASCII letters match either case (non-ASCII letters match exactly)
 * @param wholeWords a match needs a non-word character or the start/end of the text on both sides
 */
public record MatchOptions(boolean ignoreCase, boolean wholeWords) {

    /** Case-sensitive, anywhere. */
    public static MatchOptions defaults() {
        return new MatchOptions(false, false);
    }
}
