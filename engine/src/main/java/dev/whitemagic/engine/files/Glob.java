package dev.whitemagic.engine.files;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One glob with gitignore semantics, compiled to a regex over {@code /}-separated relative paths.
 *
 * <ul>
 *   <li>{@code *} matches any run of characters except {@code /}, {@code ?} one such character,
 *       {@code [abc]}, {@code [a-z]}, {@code [!a]} / {@code [^a]} one character of (or not of) a
 *       set, never {@code /}; {@code \x} is a literal {@code x}.
 *   <li>{@code **}{@code /} at the start or in the middle matches zero or more folders; a trailing
 *       {@code /**} matches everything inside; other {@code **} act as {@code *}.
 *   <li>A trailing {@code /} matches folders only.
 *   <li>A {@code /} at the start or in the middle anchors the glob to its base folder (the folder
 *       of the ignore file, or the scan root); without one it matches a name at any depth.
 * </ul>
 *
 * @param source   the text as written
 * @param regex    the compiled body
 * @param negated  a {@code !} rule of an ignore file (re-includes)
 * @param dirOnly  matches folders only
 * @param anchored matched against the path relative to the base, not the name
 */
record Glob(String source, Pattern regex, boolean negated, boolean dirOnly, boolean anchored) {

    /**
     * A line of a {@code .gitignore} / {@code .ignore} file, or {@code null} for a blank line or a
     * comment. Handles {@code !} negation, {@code \#} and {@code \!}, and trailing spaces (dropped
     * unless escaped).
     *
     * @throws IllegalArgumentException if the line cannot be compiled
     */
    static Glob ignoreLine(String line) {
        String s = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) {
            end--;
        }
        s = s.substring(0, end);
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        boolean negated = false;
        if (s.startsWith("!")) {
            negated = true;
            s = s.substring(1);
        }
        return compile(line, s, negated);
    }

    /**
     * A glob given by a person (include or exclude) with the same syntax.
     *
     * @throws IllegalArgumentException if the glob is empty or cannot be compiled
     */
    static Glob of(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("empty glob");
        }
        return compile(glob, glob, false);
    }

    private static Glob compile(String source, String body, boolean negated) {
        boolean dirOnly = false;
        if (body.endsWith("/") && !body.endsWith("\\/")) {
            dirOnly = true;
            body = body.substring(0, body.length() - 1);
        }
        boolean anchored = body.indexOf('/') >= 0;
        if (body.startsWith("/")) {
            body = body.substring(1);
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("glob '" + source + "' matches nothing");
        }
        try {
            return new Glob(source, Pattern.compile(toRegex(body)), negated, dirOnly, anchored);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("glob '" + source + "' cannot be read: " + e.getDescription(), e);
        }
    }

    /** Whether this glob matches an entry: {@code rel} relative to the base, {@code name} its last part. */
    boolean matches(String rel, String name, boolean isDir) {
        if (dirOnly && !isDir) {
            return false;
        }
        return regex.matcher(anchored ? rel : name).matches();
    }

    static String toRegex(String p) {
        StringBuilder sb = new StringBuilder(p.length() * 2);
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            switch (c) {
                case '*' -> {
                    int j = i;
                    while (j < n && p.charAt(j) == '*') {
                        j++;
                    }
                    boolean atStart = i == 0 || p.charAt(i - 1) == '/';
                    boolean atEnd = j == n || p.charAt(j) == '/';
                    if (j - i >= 2 && atStart && atEnd) {
                        if (j == n) {
                            sb.append(".*");            // "**" alone or a trailing "/**"
                        } else {
                            sb.append("(?:.*/)?");      // "**/": zero or more folders
                            j++;
                        }
                    } else {
                        sb.append("[^/]*");
                    }
                    i = j;
                }
                case '?' -> {
                    sb.append("[^/]");
                    i++;
                }
                case '[' -> i = charClass(p, i, sb);
                case '\\' -> {
                    if (i + 1 < n) {
                        literal(p.charAt(i + 1), sb);
                        i += 2;
                    } else {
                        literal('\\', sb);
                        i++;
                    }
                }
                default -> {
                    literal(c, sb);
                    i++;
                }
            }
        }
        return sb.toString();
    }

    /** Appends a {@code [...]} set starting at {@code open}; a {@code [} without its {@code ]} is literal. */
    private static int charClass(String p, int open, StringBuilder sb) {
        int n = p.length();
        int i = open + 1;
        boolean negate = i < n && (p.charAt(i) == '!' || p.charAt(i) == '^');
        if (negate) {
            i++;
        }
        int first = i;
        StringBuilder set = new StringBuilder();
        while (i < n && (p.charAt(i) != ']' || i == first)) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < n) {
                c = p.charAt(++i);
                if (!Character.isLetterOrDigit(c)) {
                    set.append('\\');
                }
                set.append(c);
            } else if (c == '-' && i != first && i + 1 < n && p.charAt(i + 1) != ']') {
                set.append('-');
            } else if ("\\[]^&-".indexOf(c) >= 0) {
                set.append('\\').append(c);
            } else {
                set.append(c);
            }
            i++;
        }
        if (i >= n) {
            literal('[', sb);
            return open + 1;
        }
        sb.append(negate ? "[^/" + set + "]" : "[" + set + "&&[^/]]");
        return i + 1;
    }

    private static void literal(char c, StringBuilder sb) {
        if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c > 127) {
            sb.append(c);
        } else {
            sb.append('\\').append(c);
        }
    }
}
