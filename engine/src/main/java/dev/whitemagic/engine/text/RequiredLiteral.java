package dev.whitemagic.engine.text;

/**
 * Finds a literal that every match of a regex must contain, to search for it first and run the
 * regex only on lines that hold it. Deliberately simple and conservative: only literal runs at
 * the top level of a pattern without alternation or inline flags; anything unclear gives none.
 */
final class RequiredLiteral {

    private RequiredLiteral() {}

    /** The longest required literal of {@code regex} (at least 2 chars), or {@code null}. */
    static String extract(String regex) {
        if (regex.contains("(?") || regex.contains("\\Q") || regex.contains("\\x") || regex.contains("\\p")
                || regex.contains("\\P")) {
            return null;
        }
        StringBuilder best = new StringBuilder();
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '|') {
                return null; // alternation anywhere: no simple required literal
            }
            if (c == '[') {
                i = skipClass(regex, i);
                if (i < 0) {
                    return null;
                }
                flush(run, best);
                continue;
            }
            if (c == '(') {
                depth++;
                flush(run, best);
                continue;
            }
            if (c == ')') {
                depth--;
                flush(run, best);
                continue;
            }
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                }
                continue;
            }
            char literal;
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return null;
                }
                char e = regex.charAt(++i);
                if (Character.isLetterOrDigit(e)) {
                    flush(run, best); // \b \w \s \d \t \n \1 ...: not a plain char
                    continue;
                }
                literal = e;
            } else if ("^$.".indexOf(c) >= 0) {
                flush(run, best);
                continue;
            } else if ("*?{+".indexOf(c) >= 0) {
                flush(run, best);
                if (c == '{') {
                    i = regex.indexOf('}', i);
                    if (i < 0) {
                        return null;
                    }
                }
                continue;
            } else {
                literal = c;
            }
            char next = i + 1 < regex.length() ? regex.charAt(i + 1) : 0;
            if (next == '*' || next == '?' || next == '{') {
                flush(run, best); // optional (or counted) char: not required
                continue;
            }
            run.append(literal);
            if (next == '+') {
                flush(run, best); // required once, but what follows is not adjacent
            }
        }
        flush(run, best);
        return best.length() >= 2 ? best.toString() : null;
    }

    private static void flush(StringBuilder run, StringBuilder best) {
        if (run.length() > best.length()) {
            best.setLength(0);
            best.append(run);
        }
        run.setLength(0);
    }

    /** The index of the {@code ]} closing the class opened at {@code open}, or -1. */
    private static int skipClass(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++;
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                int close = regex.indexOf(":]", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }
}
