package dev.whitemagic.engine.text;

import com.google.re2j.Matcher;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches one file, round by round as {@link ChunkReader} feeds it. Counts lines lazily (only
 * when hits are kept), keeps {@code context} lines on both sides of each searched region so
 * context never breaks at a chunk edge, and stops at the max count.
 */
final class GrepSearcher implements ChunkReader.Consumer {

    private final GrepPattern pattern;
    private final int context;
    private final boolean keepHits;
    private final int maxCount;
    private final Matcher matcher;
    private final List<Hit> hits = new ArrayList<>();
    /** 0-based number of the line at buf[0]. */
    private long baseLine;
    /** Complete lines at buf[0] that were searched in an earlier round (kept as context). */
    private int contextLines;
    private long count;
    /** 1-based number of the last line shown (hit or context); 0 for none. */
    private long lastShown;
    /** The file in native memory (see {@link ChunkReader.Consumer#mirror}), or null. */
    private MemorySegment mirror;

    /** For a folded literal searched in {@link #mirror}: its pair's places there; else null. */
    private NativeSearch.PairCursor pairs;

    @Override
    public void mirror(MemorySegment text) {
        this.mirror = text;
    }

    GrepSearcher(GrepPattern pattern) {
        this.pattern = pattern;
        GrepOptions o = pattern.options();
        this.keepHits = !o.countOnly();
        this.context = keepHits ? o.context() : 0;
        this.maxCount = o.maxCount();
        this.matcher = pattern.newMatcher();
    }

    @Override
    public int accept(byte[] buf, int len, int lineEnd, boolean eof) {
        return pattern.searchesBytes() ? acceptBytes(buf, len, lineEnd, eof) : acceptText(buf, len, lineEnd, eof);
    }

    /** One round on the raw bytes: literals, and regexes with a prefilter (only its lines are decoded). */
    private int acceptBytes(byte[] buf, int len, int lineEnd, boolean eof) {
        int end = eof ? len : lineEnd;
        int from = forwardLines(buf, end, 0, contextLines);
        int limit = eof || context == 0 ? end : backLines(buf, end, context);
        if (!eof && context > 0 && limit <= from) {
            return 0; // not enough lines in the buffer yet: keep everything, read more
        }
        int pos = from;
        if (pattern.cannotMatch(buf, from, end, mirror)) {
            pos = limit; // no line to search
        }
        NativeSearch natively = pattern.natively();
        if (mirror != null && pairs == null && natively != null) {
            pairs = natively.pairCursor(mirror, end); // the only round of a small file
        }
        try {
            return searchBytes(buf, len, lineEnd, eof, end, limit, pos);
        } finally {
            if (pairs != null) {
                natively.searched(pairs);
            }
        }
    }

    /** The search of one round, from {@code pos} to {@code limit}; as {@link #accept}. */
    private int searchBytes(byte[] buf, int len, int lineEnd, boolean eof, int end, int limit, int pos) {
        int cursorPos = 0;
        long cursorLine = baseLine;
        while (pos < limit) {
            int ls = pattern.nextLine(buf, end, matcher, pos, limit, mirror, pairs);
            if (ls < 0) {
                break;
            }
            int le = GrepPattern.lineEnd(buf, end, ls);
            count++;
            if (keepHits) {
                cursorLine += ByteLiteral.countNewlines(buf, cursorPos, ls);
                cursorPos = ls;
                addHit(buf, end, ls, le, cursorLine + 1);
            }
            if (maxCount > 0 && count >= maxCount) {
                return -1;
            }
            pos = le + 1;
        }
        if (eof) {
            return len;
        }
        if (context == 0) {
            if (keepHits) {
                baseLine += ByteLiteral.countNewlines(buf, 0, lineEnd);
            }
            contextLines = 0;
            return lineEnd;
        }
        int carryStart = backLines(buf, limit, context);
        int before = ByteLiteral.countNewlines(buf, carryStart, limit);
        int keepFrom = backLinesBytes(buf, lineEnd, before + context);
        baseLine += ByteLiteral.countNewlines(buf, 0, keepFrom);
        contextLines = before;
        return keepFrom;
    }

    private void addHit(byte[] buf, int end, int ls, int le, long lineNo) {
        if (!hits.isEmpty()) {
            hits.getLast().after.removeIf(c -> c.line() >= lineNo);
            lastShown = Math.min(lastShown, lineNo - 1);
        }
        Hit hit = new Hit();
        hit.line = lineNo;
        hit.text = GrepPattern.lineText(buf, ls, le);
        long firstBefore = Math.max(lastShown + 1, lineNo - context);
        int p = ls;
        for (long n = lineNo - 1; n >= firstBefore && p > 0; n--) {
            int s = GrepPattern.lineStart(buf, p - 1);
            hit.before.addFirst(new GrepHit.ContextLine(n, GrepPattern.lineText(buf, s, p - 1)));
            p = s;
        }
        lastShown = lineNo;
        int q = le + 1;
        for (int k = 0; k < context && q < end; k++) {
            int e = GrepPattern.lineEnd(buf, end, q);
            hit.after.add(new GrepHit.ContextLine(lineNo + k + 1, GrepPattern.lineText(buf, q, e)));
            lastShown = lineNo + k + 1;
            q = e + 1;
        }
        hits.add(hit);
    }

    /** The offset after {@code n} more newlines from {@code from} (0 if there are fewer, as String.indexOf). */
    private static int forwardLines(byte[] buf, int end, int from, int n) {
        int p = from;
        for (int i = 0; i < n; i++) {
            p = ByteLiteral.indexOfNewline(buf, p, end) + 1;
        }
        return p;
    }

    /** The start of the line {@code n} lines before the line starting at {@code lineStart} (clamped at 0). */
    private static int backLines(byte[] buf, int lineStart, int n) {
        int p = lineStart;
        for (int i = 0; i < n && p > 0; i++) {
            p = GrepPattern.lineStart(buf, p - 1);
        }
        return p;
    }

    /** One round on the decoded text: regexes without a byte prefilter. */
    private int acceptText(byte[] buf, int len, int lineEnd, boolean eof) {
        int textLen = eof ? len : lineEnd;
        String text = pattern.decode(buf, textLen);
        String searchable = pattern.searchable(buf, textLen, text);
        int end = text.length();
        int from = forwardLines(text, 0, contextLines);
        int limit = eof || context == 0 ? end : backLines(text, end, context);
        if (!eof && context > 0 && limit <= from) {
            return 0; // not enough lines in the buffer yet: keep everything, read more
        }
        int cursorPos = 0;
        long cursorLine = baseLine;
        int pos = from;
        while (pos < limit) {
            int ls = pattern.nextLine(text, searchable, matcher, pos, limit);
            if (ls < 0) {
                break;
            }
            int le = GrepPattern.lineEnd(text, ls);
            count++;
            if (keepHits) {
                cursorLine += countNewlines(text, cursorPos, ls);
                cursorPos = ls;
                addHit(buf, text, ls, le, cursorLine + 1);
            }
            if (maxCount > 0 && count >= maxCount) {
                return -1;
            }
            pos = le + 1;
        }
        if (eof) {
            return len;
        }
        if (context == 0) {
            if (keepHits) {
                baseLine += countNewlines(buf, 0, lineEnd);
            }
            contextLines = 0;
            return lineEnd;
        }
        int carryStart = backLines(text, limit, context);
        int before = countNewlines(text, carryStart, limit);
        int keepFrom = backLinesBytes(buf, lineEnd, before + context);
        baseLine += countNewlines(buf, 0, keepFrom);
        contextLines = before;
        return keepFrom;
    }

    private void addHit(byte[] buf, String text, int ls, int le, long lineNo) {
        if (!hits.isEmpty()) {
            hits.getLast().after.removeIf(c -> c.line() >= lineNo);
            lastShown = Math.min(lastShown, lineNo - 1);
        }
        Hit hit = new Hit();
        hit.line = lineNo;
        hit.text = pattern.lineText(buf, text, ls, le);
        long firstBefore = Math.max(lastShown + 1, lineNo - context);
        int p = ls;
        for (long n = lineNo - 1; n >= firstBefore && p > 0; n--) {
            int s = GrepPattern.lineStart(text, p - 1);
            hit.before.addFirst(new GrepHit.ContextLine(n, pattern.lineText(buf, text, s, p - 1)));
            p = s;
        }
        lastShown = lineNo;
        int q = le + 1;
        for (int k = 0; k < context && q < text.length(); k++) {
            int e = GrepPattern.lineEnd(text, q);
            hit.after.add(new GrepHit.ContextLine(lineNo + k + 1, pattern.lineText(buf, text, q, e)));
            lastShown = lineNo + k + 1;
            q = e + 1;
        }
        hits.add(hit);
    }

    GrepResult result(Path path, long bytes) {
        if (hits.isEmpty()) {
            return new GrepResult(path, List.of(), count, false, bytes, null);
        }
        List<GrepHit> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            out.add(new GrepHit(h.line, h.text, pattern.spans(h.text), h.before, h.after));
        }
        return new GrepResult(path, out, count, false, bytes, null);
    }

    /** The offset after {@code n} more newlines from {@code from}. */
    private static int forwardLines(String text, int from, int n) {
        int p = from;
        for (int i = 0; i < n; i++) {
            p = text.indexOf('\n', p) + 1;
        }
        return p;
    }

    /** The start of the line {@code n} lines before the line starting at {@code lineStart} (clamped at 0). */
    private static int backLines(String text, int lineStart, int n) {
        int p = lineStart;
        for (int i = 0; i < n && p > 0; i++) {
            p = GrepPattern.lineStart(text, p - 1);
        }
        return p;
    }

    private static int backLinesBytes(byte[] buf, int lineStart, int n) {
        int p = lineStart;
        for (int i = 0; i < n && p > 0; i++) {
            int q = p - 2;
            while (q >= 0 && buf[q] != '\n') {
                q--;
            }
            p = q + 1;
        }
        return p;
    }

    static int countNewlines(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    static int countNewlines(byte[] b, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static final class Hit {
        long line;
        String text;
        final List<GrepHit.ContextLine> before = new ArrayList<>();
        final List<GrepHit.ContextLine> after = new ArrayList<>();
    }
}
