package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * The word-pair fields: next to {@code title} and {@code content} the index holds
 * {@code title.pairs} and {@code content.pairs}, whose terms are the pairs of index terms at
 * adjacent positions of the field ({@code "a b"} for the term {@code a} at position p and
 * {@code b} at p + 1, after the whole English chain: stop words leave a gap, so no pair spans
 * one). A pair's postings are exactly the documents where the two-word phrase {@code "a b"}
 * matches, and its frequency is the phrase's frequency there, which {@link WordPairQuery} uses to
 * answer such phrases without reading positions.
 *
 * <p>A text is analysed once ({@link #analyze}) and both fields replay its terms: the text field
 * gets the same terms and position increments as from the analyzer, so its postings, positions
 * and norms are what they would be.
 */
final class WordPairs {

    /** The suffix of a pair field's name. */
    static final String SUFFIX = ".pairs";

    /** The terms of the text: characters of all terms, each term's end, each term's position increment. */
    private char[] chars = new char[256];
    private int charCount;
    private int[] ends = new int[64];
    private int[] increments = new int[64];
    private int count;

    private WordPairs() {}

    /** The pair field of a text field. */
    static String field(String field) {
        return field + SUFFIX;
    }

    /** The pair term of {@code a} followed by {@code b} (index terms never hold a space). */
    static BytesRef term(BytesRef a, BytesRef b) {
        BytesRefBuilder t = new BytesRefBuilder();
        t.append(a);
        t.append((byte) ' ');
        t.append(b);
        return t.toBytesRef();
    }

    /** {@code text} analysed by {@code analyzer} as {@code field}, once, for {@link #terms()} and {@link #pairs()}. */
    static WordPairs analyze(Analyzer analyzer, String field, String text) throws IOException {
        WordPairs w = new WordPairs();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                w.add(term.buffer(), term.length(), increment.getPositionIncrement());
            }
            ts.end();
        }
        return w;
    }

    private void add(char[] term, int length, int increment) {
        if (charCount + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(charCount + length, chars.length * 2));
        }
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
            increments = Arrays.copyOf(increments, count * 2);
        }
        System.arraycopy(term, 0, chars, charCount, length);
        charCount += length;
        ends[count] = charCount;
        increments[count] = increment;
        count++;
    }

    /** The terms, with their position increments, as the analyzer gave them: for the text field. */
    TokenStream terms() {
        return new Replay(false);
    }

    /** The pairs of terms at adjacent positions, {@code "a b"}: for the pair field. */
    TokenStream pairs() {
        return new Replay(true);
    }

    private final class Replay extends TokenStream {

        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private final boolean pairs;
        private int next;

        Replay(boolean pairs) {
            this.pairs = pairs;
        }

        @Override
        public boolean incrementToken() {
            clearAttributes();
            if (!pairs) {
                if (next >= count) {
                    return false;
                }
                int start = next == 0 ? 0 : ends[next - 1];
                term.copyBuffer(chars, start, ends[next] - start);
                increment.setPositionIncrement(increments[next]);
                next++;
                return true;
            }
            while (++next < count) { // the pair (next - 1, next)
                if (increments[next] == 1) {
                    int start = next == 1 ? 0 : ends[next - 2];
                    int middle = ends[next - 1];
                    int end = ends[next];
                    char[] pair = term.resizeBuffer(end - start + 1);
                    System.arraycopy(chars, start, pair, 0, middle - start);
                    pair[middle - start] = ' ';
                    System.arraycopy(chars, middle, pair, middle - start + 1, end - middle);
                    term.setLength(end - start + 1);
                    return true;
                }
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
