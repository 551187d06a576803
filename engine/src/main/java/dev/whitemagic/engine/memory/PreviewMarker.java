package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Previews for one query: the window of the body with the most matched words, each between
 * {@link SearchHit#MARK_OPEN} and {@link SearchHit#MARK_CLOSE}. The query's body terms (and the
 * automata of its prefix/fuzzy/wildcard parts) are collected once; each body is split into words
 * once, and each distinct word is analysed and matched once.
 * Much cheaper than Lucene's {@code Highlighter}, which rebuilds a scorer per document. Not
 * thread-safe: one per search.
 */
final class PreviewMarker {

    /** Bodies beyond this many characters are not analysed for the preview. */
    static final int MAX_ANALYZED = 50_000;

    private final TermCache cache;
    private final int width;
    /** Words of the bodies seen by this search: whether each matches the query. */
    private char[][] memoWord = new char[1024][];
    private int[] memoHash = new int[1024];
    private boolean[] memoHit = new boolean[1024];
    private int memoSize;
    /** The body being matched. */
    private char[] chars = new char[4096];
    private final Set<BytesRef> terms = new HashSet<>();
    private final List<ByteRunAutomaton> automata = new ArrayList<>();
    /**
     * By lower-case ASCII character: whether a term of the query can start with it. The English
     * chain keeps a word's first character (lower-cased): the possessive filter and the Porter
     * stemmer only change endings, and keep a stem of at least one character. So a word whose
     * first character no query term (nor automaton) can start with is not looked up at all.
     */
    private final boolean[] canStart = new boolean[128];
    /**
     * By the first two characters of a word (lower-cased letters): whether a term can start so.
     * The chain keeps a word's second character too, but for a 'y' made 'i' ("iys" gives "ii";
     * {@code PreviewMarkerTest} checks it on 50,000 words). Null when a part of the query has no
     * such start (a one-character term, a fuzzy or wildcard query): the first character decides.
     */
    private boolean[] canStartPair;

    PreviewMarker(Query query, TermCache cache, int width) {
        this.cache = cache;
        this.width = width;
        boolean[] pairs = new boolean[128 * 128];
        boolean[] everyPart = {true};
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                return MemoryIndex.F_CONTENT.equals(field);
            }

            @Override
            public void consumeTerms(Query q, Term... ts) {
                for (Term t : ts) {
                    if (MemoryIndex.F_CONTENT.equals(t.field())) {
                        terms.add(BytesRef.deepCopyOf(t.bytes()));
                        everyPart[0] &= addPair(pairs, t.bytes());
                    }
                }
            }

            @Override
            public void consumeTermsMatching(Query q, String field, Supplier<ByteRunAutomaton> automaton) {
                if (MemoryIndex.F_CONTENT.equals(field)) {
                    automata.add(automaton.get());
                    everyPart[0] &= q instanceof PrefixQuery p && addPair(pairs, p.getPrefix().bytes());
                }
            }

            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return occur == BooleanClause.Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
        for (BytesRef t : terms) {
            if (t.length > 0 && t.bytes[t.offset] >= 0) {
                canStart[t.bytes[t.offset]] = true;
            }
        }
        for (ByteRunAutomaton a : automata) {
            for (int c = 0; c < 128; c++) {
                canStart[c] |= a.step(0, c) != -1;
            }
        }
        this.canStartPair = everyPart[0] ? pairs : null;
    }

    /** Marks the first two characters of {@code term}; false when it has no two ASCII ones. */
    private static boolean addPair(boolean[] pairs, BytesRef term) {
        if (term.length < 2 || term.bytes[term.offset] < 0 || term.bytes[term.offset + 1] < 0) {
            return false;
        }
        int a = term.bytes[term.offset];
        int b = term.bytes[term.offset + 1];
        pairs[a * 128 + b] = true;
        if (b == 'i') {
            pairs[a * 128 + 'y'] = true;
        }
        return true;
    }

    /** This marker looking at every word a term's first character allows (for the test). */
    PreviewMarker withoutPairFilter() {
        canStartPair = null;
        return this;
    }

    /** The preview of {@code content}; its start when nothing in it matches. */
    String preview(String content) {
        List<int[]> matches = terms.isEmpty() && automata.isEmpty() ? List.of() : matches(content);
        if (matches.isEmpty()) {
            return plainStart(content, width);
        }
        // the match starting the window that holds the most matches
        int best = 0;
        int bestCount = 0;
        for (int i = 0, j = 0; i < matches.size(); i++) {
            j = Math.max(j, i);
            while (j < matches.size() && matches.get(j)[1] <= matches.get(i)[0] + width - 20) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = i;
            }
        }
        int start = Math.max(0, matches.get(best)[0] - 30);
        while (start > 0 && !Character.isWhitespace(content.charAt(start - 1))) {
            start--;
            if (matches.get(best)[0] - start > 60) {
                break;
            }
        }
        int end = Math.min(content.length(), start + width);
        while (end < content.length() && end - start < width + 30 && !Character.isWhitespace(content.charAt(end))) {
            end++;
        }
        StringBuilder sb = new StringBuilder(end - start + 16);
        if (start > 0) {
            sb.append('…');
        }
        int at = start;
        for (int[] m : matches) {
            if (m[0] < start || m[1] > end) {
                continue;
            }
            sb.append(content, at, m[0]).append(SearchHit.MARK_OPEN).append(content, m[0], m[1]).append(SearchHit.MARK_CLOSE);
            at = m[1];
        }
        sb.append(content, at, end);
        if (end < content.length()) {
            sb.append('…');
        }
        return oneLine(sb.toString());
    }

    /**
     * The offsets of the matched words. The body is only split into words here (see
     * {@link #asciiWords}; the analyzer's tokenizer where that does not apply); each distinct word
     * is analysed once (see {@link TermCache}) and matched against the query once per search.
     */
    List<int[]> matches(String content) {
        List<int[]> out = new ArrayList<>();
        int n = content.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        content.getChars(0, n, chars, 0);
        if (asciiWords(chars, n, out)) {
            return out;
        }
        out.clear();
        try (TokenStream ts = TermCache.WORDS.tokenStream(MemoryIndex.F_CONTENT, content)) {
            CharTermAttribute word = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken() && offset.startOffset() < MAX_ANALYZED) {
                char[] w = word.buffer();
                int h = 0;
                for (int i = 0; i < word.length(); i++) {
                    h = 31 * h + w[i];
                }
                if (matches(w, 0, word.length(), h)) {
                    out.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
            }
            ts.end();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /**
     * Whether the word {@code text[off, off + len)} (as the tokenizer gives it; {@code hash} its
     * {@code String.hashCode}) matches the query: remembered for this search in an open-addressing
     * table, so each distinct word is looked up in the {@link TermCache} and matched once.
     */
    private boolean matches(char[] text, int off, int len, int hash) {
        int mask = memoWord.length - 1;
        int m = hash * 0x9E3779B9;
        int slot = (m ^ (m >>> 16)) & mask;
        for (char[] w; (w = memoWord[slot]) != null; slot = (slot + 1) & mask) {
            if (memoHash[slot] == hash && Arrays.equals(w, 0, w.length, text, off, off + len)) {
                return memoHit[slot];
            }
        }
        BytesRef b = cache.term(new String(text, off, len));
        boolean hit = b != null && (terms.contains(b) || matchesAutomaton(b));
        memoWord[slot] = Arrays.copyOfRange(text, off, off + len);
        memoHash[slot] = hash;
        memoHit[slot] = hit;
        if (++memoSize * 2 > memoWord.length) {
            growMemo();
        }
        return hit;
    }

    private void growMemo() {
        char[][] words = memoWord;
        int[] hashes = memoHash;
        boolean[] hits = memoHit;
        memoWord = new char[words.length * 2][];
        memoHash = new int[words.length * 2];
        memoHit = new boolean[words.length * 2];
        int mask = memoWord.length - 1;
        for (int i = 0; i < words.length; i++) {
            if (words[i] != null) {
                int m = hashes[i] * 0x9E3779B9;
                int slot = (m ^ (m >>> 16)) & mask;
                while (memoWord[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                memoWord[slot] = words[i];
                memoHash[slot] = hashes[i];
                memoHit[slot] = hits[i];
            }
        }
    }

    /**
     * The matches in {@code text[0, n)} if it is plain ASCII without {@code '_'}, where the rules
     * of {@code StandardTokenizer} (Unicode word breaks, UAX #29) come down to: a word is a run of
     * letters and digits, also joined by {@code . : '} between two letters and by
     * {@code . , ; '} between two digits. {@code false} (and {@code out} to be discarded) for any
     * other text, or a word longer than the tokenizer's 255 characters. Much cheaper than the
     * tokenizer; {@code PreviewMarkerTest} checks the two agree.
     */
    private boolean asciiWords(char[] text, int n, List<int[]> out) {
        int i = 0;
        while (i < n) {
            char c = text[i];
            int k = kind(c);
            if (k == OTHER) {
                i++;
                continue;
            }
            if (k == NOT_PLAIN) {
                return false;
            }
            if (i >= MAX_ANALYZED) {
                return true;
            }
            int start = i;
            int j = i + 1;
            while (j < n) {
                char d = text[j];
                int kd = kind(d);
                if (kd == LETTER || kd == DIGIT) {
                    j++;
                    continue;
                }
                if (kd == NOT_PLAIN) {
                    return false;
                }
                if (j + 1 < n) {
                    int kp = kind(text[j - 1]);
                    int kn = kind(text[j + 1]);
                    if (kn == NOT_PLAIN) {
                        return false;
                    }
                    if ((d == '.' || d == ':' || d == '\'') && kp == LETTER && kn == LETTER
                            || (d == '.' || d == ',' || d == ';' || d == '\'') && kp == DIGIT && kn == DIGIT) {
                        j += 2;
                        continue;
                    }
                }
                break;
            }
            if (j - start > 255) {
                return false;
            }
            // Only a word that a query term can start with is hashed and looked up (most are not).
            if (canStart[c | (k == LETTER ? 0x20 : 0)] && (canStartPair == null || j - start < 2
                    || canStartPair[(c | (k == LETTER ? 0x20 : 0)) * 128 + lower(text[start + 1])])) {
                int h = 0;
                for (int x = start; x < j; x++) {
                    h = 31 * h + text[x];
                }
                if (matches(text, start, j - start, h)) {
                    out.add(new int[] {start, j});
                }
            }
            i = j;
        }
        return true;
    }

    /** Kinds of characters for {@link #asciiWords}. */
    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    /** Not plain ASCII text for {@link #asciiWords}: above 127, or {@code '_'}. */
    private static final byte NOT_PLAIN = 3;
    private static final byte[] KINDS = new byte[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            KINDS[c] = LETTER;
            KINDS[c - 'a' + 'A'] = LETTER;
        }
        for (char c = '0'; c <= '9'; c++) {
            KINDS[c] = DIGIT;
        }
        KINDS['_'] = NOT_PLAIN;
    }

    /** {@code c} (plain ASCII) with a letter lower-cased. */
    private static int lower(char c) {
        return KINDS[c] == LETTER ? c | 0x20 : c;
    }

    private static int kind(char c) {
        return c < 128 ? KINDS[c] : NOT_PLAIN;
    }

    private boolean matchesAutomaton(BytesRef b) {
        for (ByteRunAutomaton a : automata) {
            if (a.run(b.bytes, b.offset, b.length)) {
                return true;
            }
        }
        return false;
    }

    static String plainStart(String content, int width) {
        int window = Math.min(content.length(), width * 4);
        // Most bodies give more than width characters from their first width * 2: oneLine of a
        // prefix is a prefix of oneLine of the whole window (whitespace runs collapse the same way)
        // once it is longer than width, so the rest of the window need not be made one line.
        if (window > width * 2) {
            String head = oneLine(content.substring(0, width * 2));
            if (head.length() > width) {
                return head.substring(0, width) + "…";
            }
        }
        String s = oneLine(content.substring(0, window));
        return s.length() <= width ? s : s.substring(0, width) + "…";
    }

    /** {@code s} with each run of ASCII whitespace ({@code \\s}) made one space, then stripped. */
    static String oneLine(String s) {
        int n = s.length();
        StringBuilder sb = null;
        int copied = 0; // s[copied, i) is still to be appended to sb
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= ' ' && isSpace(c)) {
                int j = i + 1;
                while (j < n && isSpace(s.charAt(j))) {
                    j++;
                }
                if (c != ' ' || j > i + 1) {
                    if (sb == null) {
                        sb = new StringBuilder(n);
                    }
                    sb.append(s, copied, i).append(' ');
                    copied = j;
                }
                i = j - 1;
            }
        }
        if (sb == null) {
            return s.strip();
        }
        return sb.append(s, copied, n).toString().strip();
    }

    /** The characters of the regex class {@code \\s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
