package dev.whitemagic.engine.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A grep pattern checked and prepared once for a whole batch: a literal searched on the raw
 * bytes (the fast path), or an RE2/J regex — linear time, so no pattern can hang a search.
 * An invalid pattern is not an exception: {@link #error()} says what is wrong and where.
 *
 * <p>Semantics follow ripgrep: lines end at {@code \n} (a {@code \r} before it is part of the
 * line), a last line without {@code \n} counts, a match never spans lines, {@code -w} means a
 * non-word character or the line edge on both sides of the match. Literal patterns are matched
 * on the UTF-8 bytes (exact, since UTF-8 is self-synchronising); {@code -i} with an ASCII
 * literal folds ASCII letters only (so {@code k} does not match the Kelvin sign, unlike rg);
 * {@code \w}, {@code \b}, {@code \d}, {@code \s} in a regex are ASCII (RE2/J), rg's are Unicode.
 *
 * <pre>{@code
 * GrepPattern p = GrepPattern.compile("\\bvoid\\s+\\w+\\(", GrepOptions.defaults());
 * if (!p.isValid()) { System.err.println(p.error().get()); return 2; }
 * GrepResult r = p.search("void run() {\n}\n");   // 1 matching line
 * }</pre>
 */
public final class GrepPattern {

    enum Mode { LITERAL, LITERAL_FOLDED, REGEX }

    private static final String WORD_CHAR = "\\pL\\pN\\pM_";

    private final String pattern;
    private final GrepOptions options;
    private final String error;
    private final Mode mode;
    /** For the literal modes: the UTF-8 bytes of the literal as a Latin-1 string (lower-cased ASCII when folded). */
    private final String needle;
    private final Pattern regex;
    /** A literal every match of {@link #regex} contains, searched first; or null. */
    private final String prefilter;
    /**
     * The literal (or the ASCII prefilter of a regex) searched on the raw bytes; null when the
     * regex has no such prefilter and is run on the decoded text.
     */
    private final ByteLiteral bytes;
    /** The byte search's native side (the C library's string search); null when there are no bytes to look for. */
    private final NativeSearch natively;

    private GrepPattern(String pattern, GrepOptions options, String error, Mode mode, String needle, Pattern regex,
            String prefilter) {
        this.pattern = pattern;
        this.options = options;
        this.error = error;
        this.mode = mode;
        this.needle = needle;
        this.regex = regex;
        this.prefilter = prefilter;
        if (mode == Mode.LITERAL || mode == Mode.LITERAL_FOLDED) {
            this.bytes = new ByteLiteral(needle.getBytes(StandardCharsets.ISO_8859_1), mode == Mode.LITERAL_FOLDED);
        } else if (mode == Mode.REGEX && prefilter != null && prefilter.chars().allMatch(c -> c < 0x80)) {
            this.bytes = new ByteLiteral(prefilter.getBytes(StandardCharsets.ISO_8859_1), options.ignoreCase());
        } else {
            this.bytes = null;
        }
        byte[] exact = mode == Mode.LITERAL ? needle.getBytes(StandardCharsets.ISO_8859_1)
                : bytes != null && !options.ignoreCase() ? prefilter.getBytes(StandardCharsets.ISO_8859_1) : null;
        this.natively = bytes == null || bytes.length() == 0 ? null : NativeSearch.of(bytes, exact);
    }

    /**
     * Whether no line of {@code buf[from, end)} can match, as far as a quick native look tells
     * (false: search the lines); {@code mirror}: the text's native copy, or null. See
     * {@link NativeSearch#cannotMatch}.
     */
    boolean cannotMatch(byte[] buf, int from, int end, MemorySegment mirror) {
        return natively != null && natively.cannotMatch(buf, from, end, mirror);
    }

    /** The byte search's native side, or null: tests and {@link GrepSearcher}. */
    NativeSearch natively() {
        return natively;
    }

    /** Checks and prepares {@code pattern}; never throws for a bad pattern (see {@link #error()}). */
    public static GrepPattern compile(String pattern, GrepOptions options) {
        Objects.requireNonNull(pattern);
        Objects.requireNonNull(options);
        if (pattern.indexOf('\n') >= 0) {
            return invalid(pattern, options, "the pattern contains a line break (position "
                    + (pattern.indexOf('\n') + 1) + "); lines are searched one at a time");
        }
        boolean ascii = pattern.chars().allMatch(c -> c < 0x80);
        if (options.fixedStrings() && !options.ignoreCase()) {
            return literal(pattern, options, Mode.LITERAL, latin1OfUtf8(pattern));
        }
        if (options.fixedStrings() && ascii) {
            return literal(pattern, options, Mode.LITERAL_FOLDED, asciiLower(pattern));
        }
        if (!options.fixedStrings() && isPlainLiteral(pattern) && (ascii || !options.ignoreCase())) {
            return options.ignoreCase()
                    ? literal(pattern, options, Mode.LITERAL_FOLDED, asciiLower(pattern))
                    : literal(pattern, options, Mode.LITERAL, latin1OfUtf8(pattern));
        }
        String source = options.fixedStrings() ? Pattern.quote(pattern) : pattern;
        String prefilter = options.fixedStrings() ? null : RequiredLiteral.extract(pattern);
        if (prefilter != null && options.ignoreCase()) {
            prefilter = prefilter.chars().allMatch(c -> c < 0x80) ? asciiLower(prefilter) : null;
        }
        if (options.wordRegexp()) {
            source = "(?:^|[^" + WORD_CHAR + "])(" + source + ")(?:$|[^" + WORD_CHAR + "])";
        }
        int flags = Pattern.MULTILINE | (options.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0);
        String raw = options.fixedStrings() ? Pattern.quote(pattern) : pattern;
        String required = prefilter;
        boolean big = source.length() >= BIG_PATTERN;
        // grep needs no groups: a big pattern's become non-capturing, so that RE2/J can merge the
        // alternatives of literals ((w1)|(w2)|… as w1|w2|…) instead of following each in turn
        String regex = big ? nonCapturing(source) : source;
        Supplier<GrepPattern> build = () -> {
            try {
                Pattern.compile(raw); // errors name the raw pattern
                Pattern compiled = Pattern.compile(regex, flags);
                if (big && !searchable(compiled)) {
                    return tooComplex(pattern, options);
                }
                return new GrepPattern(pattern, options, null, Mode.REGEX, null, compiled, required);
            } catch (PatternSyntaxException e) {
                return invalid(pattern, options, describe(pattern, e));
            }
        };
        return big ? onBigStack(pattern, options, build) : onThisStack(pattern, options, build);
    }

    /**
     * Whether a search with {@code compiled} fits in a worker's stack: RE2/J's matcher follows the
     * alternatives from each position recursively, one level per alternative it cannot merge
     * (10,000 capturing groups overflowed a worker at the first line). Tried once on a thread with
     * a stack of {@link #PROBE_STACK}, well under a worker's.
     */
    private static boolean searchable(Pattern compiled) {
        return onStack("grep-probe", PROBE_STACK, () -> {
            try {
                compiled.matcher("probe line").find();
                return true;
            } catch (StackOverflowError e) {
                return false;
            }
        }).orElse(false);
    }

    /**
     * {@code work} on a thread of its own with a stack of {@code stackBytes}, waited for; empty if
     * it threw (a stack overflow, say) or the wait was interrupted (the interrupt is kept).
     */
    private static <T> Optional<T> onStack(String name, long stackBytes, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name, stackBytes);
        t.setDaemon(true);
        t.start();
        try {
            return Optional.ofNullable(result.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** The stack a big pattern's trial search runs in (a worker's is 1 MiB or more). */
    static final long PROBE_STACK = 256 << 10;

    /**
     * {@code regex} with every capturing group {@code (…)} made non-capturing {@code (?:…)};
     * escapes, character classes and {@code \Q…\E} are kept as they are.
     */
    static String nonCapturing(String regex) {
        StringBuilder sb = new StringBuilder(regex.length() + 64);
        int n = regex.length();
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (regex.charAt(i + 1) == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    int to = end < 0 ? n : end + 2;
                    sb.append(regex, i, to);
                    i = to - 1;
                } else {
                    sb.append(c).append(regex.charAt(i + 1));
                    i++;
                }
            } else if (c == '[') {
                int end = classEnd(regex, i);
                sb.append(regex, i, end);
                i = end - 1;
            } else if (c == '(' && (i + 1 >= n || regex.charAt(i + 1) != '?')) {
                sb.append("(?:");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The offset after the character class opening at {@code at} (the pattern's end if unclosed). */
    private static int classEnd(String regex, int at) {
        int i = at + 1;
        int n = regex.length();
        if (i < n && regex.charAt(i) == '^') {
            i++;
        }
        if (i < n && regex.charAt(i) == ']') {
            i++; // a ] first is a literal
        }
        for (; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < n && regex.charAt(i + 1) == ':') {
                int close = regex.indexOf(":]", i + 2);
                if (close > 0) {
                    i = close + 1;
                }
            } else if (c == ']') {
                return i + 1;
            }
        }
        return n;
    }

    /**
     * Patterns at least this long are compiled on a thread with a stack of {@link #COMPILE_STACK}:
     * RE2/J's parser and simplifier recurse once per nesting level and alternative (a 10,000-word
     * alternation or a group nested 3,000 deep overflowed a thread's usual stack). Shorter ones
     * are compiled where they are asked for: a thread costs a plain grep's start ~0.1 ms.
     */
    static final int BIG_PATTERN = 2_000;
    /** The compiling thread's stack for a big pattern (reserved, touched only as deep as it goes). */
    static final long COMPILE_STACK = 1L << 30;

    private static GrepPattern onThisStack(String pattern, GrepOptions options,
            Supplier<GrepPattern> build) {
        try {
            return build.get();
        } catch (StackOverflowError e) {
            return tooComplex(pattern, options);
        }
    }

    private static GrepPattern onBigStack(String pattern, GrepOptions options,
            Supplier<GrepPattern> build) {
        Optional<GrepPattern> compiled = onStack("grep-compile", COMPILE_STACK, () -> onThisStack(pattern, options, build));
        if (Thread.currentThread().isInterrupted()) {
            return invalid(pattern, options, "cancelled while compiling the pattern");
        }
        return compiled.orElseGet(() -> tooComplex(pattern, options));
    }

    private static GrepPattern tooComplex(String pattern, GrepOptions options) {
        return invalid(pattern, options, "pattern too complex: nested or alternated too deeply to search ("
                + String.format(Locale.ROOT, "%,d", pattern.length()) + " characters); for many words, "
                + "'whitemagic match' counts them all at once");
    }

    private static GrepPattern literal(String pattern, GrepOptions options, Mode mode, String needle) {
        return new GrepPattern(pattern, options, null, mode, needle, null, null);
    }

    private static GrepPattern invalid(String pattern, GrepOptions options, String message) {
        return new GrepPattern(pattern, options, message, null, null, null, null);
    }

    /** "invalid regex at position 4: missing closing ): `(abc`". */
    static String describe(String pattern, PatternSyntaxException e) {
        String description = e.getDescription() != null ? e.getDescription() : e.getMessage();
        int index = e.getIndex();
        if (index < 0 && e.getPattern() != null && !e.getPattern().isEmpty()) {
            index = pattern.indexOf(e.getPattern());
        }
        String where = index >= 0 ? " at position " + (index + 1) : "";
        String fragment = e.getPattern() != null && !e.getPattern().isEmpty() ? ": `" + e.getPattern() + "`" : "";
        return "invalid regex" + where + ": " + description + fragment;
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /** The options it was compiled with. */
    public GrepOptions options() {
        return options;
    }

    /** Why the pattern is invalid, naming the position; empty when it is valid. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public boolean isValid() {
        return error == null;
    }

    /** Whether the fast literal path is used (no regex engine at all). */
    public boolean isLiteral() {
        return mode == Mode.LITERAL || mode == Mode.LITERAL_FOLDED;
    }

    /** Searches one document held in memory (tests, pipelines); the path in the result is {@code null}. */
    public GrepResult search(String text) {
        return search(null, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Searches one document held in memory as bytes (UTF-8), labelled {@code path}. */
    public GrepResult search(Path path, byte[] content) {
        if (error != null) {
            return GrepResult.failed(path, error);
        }
        if (ByteLiteral.looksBinary(content, content.length)) {
            return new GrepResult(path, List.of(), 0, true, content.length, null);
        }
        GrepSearcher searcher = new GrepSearcher(this);
        searcher.accept(content, content.length, content.length, true);
        return searcher.result(path, content.length);
    }

    Mode mode() {
        return mode;
    }

    // ---- the byte-level search used by GrepSearcher (literals, regexes with an ASCII prefilter) ----

    /** Whether lines are found on the raw bytes (no decoding of the whole buffer). */
    boolean searchesBytes() {
        return bytes != null;
    }

    /**
     * The start of the first line at or after {@code from} (a line start) and before
     * {@code limit} that holds a match in {@code buf[0, end)}, or -1. Only decodes, for a regex,
     * the lines that hold its prefilter. {@code mirror}: the same bytes in native memory
     * ({@link ChunkReader.Consumer#mirror}), where the C library finds them, or null;
     * {@code cursor}: for a folded literal there, or null (see {@link NativeSearch#indexOf}).
     */
    int nextLine(byte[] buf, int end, Matcher matcher, int from, int limit, MemorySegment mirror,
            NativeSearch.PairCursor cursor) {
        ByteLiteral lit = bytes;
        NativeSearch nat = natively;
        if (mode != Mode.REGEX) {
            int p = from;
            while (true) {
                p = nat != null ? nat.indexOf(buf, p, end, mirror, cursor) : lit.indexOf(buf, p, end);
                if (p < 0 || !inLines(buf, end, p, limit)) {
                    return -1;
                }
                if (!options.wordRegexp() || isWordBoundedBytes(buf, end, p, p + lit.length())) {
                    return lineStart(buf, p);
                }
                p++;
            }
        }
        int pos = from;
        while (pos < limit) {
            int p = nat != null ? nat.indexOf(buf, pos, end, mirror, cursor) : lit.indexOf(buf, pos, end);
            if (p < 0 || !inLines(buf, end, p, limit)) {
                return -1;
            }
            int ls = lineStart(buf, p);
            int le = lineEnd(buf, end, p);
            if (matcher.reset(new String(buf, ls, le - ls, StandardCharsets.UTF_8)).find()) {
                return ls;
            }
            pos = le + 1;
        }
        return -1;
    }

    /** A match starting at {@code p} lies on a searched line. */
    private static boolean inLines(byte[] buf, int end, int p, int limit) {
        return p < limit || (p == end && limit == end && end > 0 && buf[end - 1] != '\n');
    }

    static int lineStart(byte[] buf, int p) {
        return p == 0 ? 0 : ByteLiteral.lastNewline(buf, p) + 1;
    }

    static int lineEnd(byte[] buf, int end, int p) {
        int le = ByteLiteral.indexOfNewline(buf, p, end);
        return le < 0 ? end : le;
    }

    /** The text of a line for people: UTF-8 decoded. */
    static String lineText(byte[] buf, int start, int end) {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** Word boundaries around {@code buf[start, end)} of UTF-8 bytes: decodes the neighbouring code points. */
    private static boolean isWordBoundedBytes(byte[] buf, int len, int start, int end) {
        if (start > 0) {
            int i = start - 1;
            while (i > 0 && start - i < 4 && (buf[i] & 0xC0) == 0x80) {
                i--;
            }
            if (isWordCodePoint(utf8At(buf, len, i))) {
                return false;
            }
        }
        return end >= len || !isWordCodePoint(utf8At(buf, len, end));
    }

    private static int utf8At(byte[] buf, int len, int i) {
        int b = buf[i] & 0xFF;
        if (b < 0x80) {
            return b;
        }
        int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
        if (n == 0 || i + n >= len) {
            return 0xFFFD;
        }
        int cp = b & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            int c = buf[i + k] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return 0xFFFD;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        return cp;
    }

    // ---- the per-round text and the line finder used by GrepSearcher ----

    /** Decodes {@code buf[0, len)} for a regex without a byte prefilter (the only users of the text path). */
    String decode(byte[] buf, int len) {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /**
     * The text the prefilter is searched in on the text path: {@code text} itself (a prefilter
     * there is never folded, since a folded one is ASCII and searched on the bytes).
     */
    String searchable(byte[] buf, int len, String text) {
        return text;
    }

    /** The text of a line for people: UTF-8 decoded. */
    String lineText(byte[] buf, String text, int start, int end) {
        return mode == Mode.REGEX ? text.substring(start, end) : new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * The start of the first line at or after {@code from} (a line start) and before
     * {@code limit} that holds a match, or -1.
     */
    int nextLine(String text, String searchable, Matcher matcher, int from, int limit) {
        if (mode != Mode.REGEX) {
            int p = from;
            while (true) {
                p = searchable.indexOf(needle, p);
                if (p < 0 || !inLines(text, p, limit)) {
                    return -1;
                }
                if (!options.wordRegexp() || isWordBoundedLatin1(text, p, p + needle.length())) {
                    return lineStart(text, p);
                }
                p++;
            }
        }
        int pos = from;
        while (pos < limit) {
            if (prefilter != null) {
                int p = searchable.indexOf(prefilter, pos);
                if (p < 0 || !inLines(text, p, limit)) {
                    return -1;
                }
                int ls = lineStart(text, p);
                int le = lineEnd(text, p);
                if (matcher.reset(text.substring(ls, le)).find()) {
                    return ls;
                }
                pos = le + 1;
                continue;
            }
            matcher.reset(text);
            if (!matcher.find(pos)) {
                return -1;
            }
            int m = matcher.start();
            if (!inLines(text, m, limit)) {
                return -1;
            }
            int ls = lineStart(text, m);
            int le = lineEnd(text, m);
            if (matcher.end() <= le || matcher.reset(text.substring(ls, le)).find()) {
                return ls;
            }
            pos = le + 1; // the match ran into the next line; that line is tried on its own next
        }
        return -1;
    }

    /** A match starting at {@code p} lies on a searched line. */
    private static boolean inLines(String text, int p, int limit) {
        if (p < limit) {
            return true;
        }
        int end = text.length();
        return p == end && limit == end && end > 0 && text.charAt(end - 1) != '\n';
    }

    static int lineStart(String text, int p) {
        return p == 0 ? 0 : text.lastIndexOf('\n', p - 1) + 1;
    }

    static int lineEnd(String text, int p) {
        int le = text.indexOf('\n', p);
        return le < 0 ? text.length() : le;
    }

    /** The matches in one line (for display): char offsets into {@code line}. */
    List<GrepHit.Span> spans(String line) {
        List<GrepHit.Span> out = new ArrayList<>();
        if (mode == Mode.REGEX) {
            Matcher m = regex.matcher(line);
            int group = options.wordRegexp() ? 1 : 0;
            int pos = 0;
            while (pos <= line.length() && m.find(pos)) {
                int s = m.start(group);
                int e = m.end(group);
                out.add(new GrepHit.Span(s, e));
                pos = e > s ? e : e + 1;
                if (out.size() > 10_000) {
                    break;
                }
            }
            return out;
        }
        String hay = mode == Mode.LITERAL_FOLDED ? asciiLower(line) : line;
        String lit = mode == Mode.LITERAL_FOLDED ? needle : pattern;
        if (lit.isEmpty()) {
            return List.of(new GrepHit.Span(0, 0));
        }
        int p = hay.indexOf(lit);
        while (p >= 0 && out.size() <= 10_000) {
            if (!options.wordRegexp() || isWordBoundedUtf16(line, p, p + lit.length())) {
                out.add(new GrepHit.Span(p, p + lit.length()));
                p = hay.indexOf(lit, p + lit.length());
            } else {
                p = hay.indexOf(lit, p + 1);
            }
        }
        return out;
    }

    Matcher newMatcher() {
        return regex == null ? null : regex.matcher("");
    }

    // ---- helpers ----

    private static boolean isPlainLiteral(String p) {
        for (int i = 0; i < p.length(); i++) {
            if ("\\^$.|?*+()[]{}".indexOf(p.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    static String latin1OfUtf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static String asciiLower(String s) {
        char[] cs = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (cs == null) {
                    cs = s.toCharArray();
                }
                cs[i] = (char) (c | 0x20);
            }
        }
        return cs == null ? s : new String(cs);
    }

    static boolean isWordCodePoint(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
        }
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.CONNECTOR_PUNCTUATION;
    }

    private static boolean isWordBoundedUtf16(String s, int start, int end) {
        boolean before = start > 0 && isWordCodePoint(s.codePointBefore(start));
        boolean after = end < s.length() && isWordCodePoint(s.codePointAt(end));
        return !before && !after;
    }

    /** Word boundaries on a Latin-1 view of UTF-8 bytes: decodes the neighbouring code points. */
    private static boolean isWordBoundedLatin1(String s, int start, int end) {
        if (start > 0) {
            int i = start - 1;
            while (i > 0 && start - i < 4 && (s.charAt(i) & 0xC0) == 0x80) {
                i--;
            }
            if (isWordCodePoint(utf8At(s, i))) {
                return false;
            }
        }
        return end >= s.length() || !isWordCodePoint(utf8At(s, end));
    }

    private static int utf8At(String s, int i) {
        int b = s.charAt(i);
        if (b < 0x80) {
            return b;
        }
        int n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
        if (n == 0 || i + n >= s.length()) {
            return 0xFFFD;
        }
        int cp = b & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            int c = s.charAt(i + k);
            if ((c & 0xC0) != 0x80) {
                return 0xFFFD;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        return cp;
    }
}
