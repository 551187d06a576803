package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * The index term of each word, for previews, split in two like {@link EnglishAnalyzer}'s chain:
 * {@link #WORDS} only splits text into words ({@code StandardTokenizer}, as the index does), and
 * {@link #term} runs the rest of the chain (possessive, lower case, stop words, Porter stemmer,
 * which all work one word at a time) on one word, remembering the answer. Bodies repeat their
 * words, so previews mostly skip the stemmer. Thread-safe; shared by every search.
 */
final class TermCache {

    /** The cache for {@link EnglishAnalyzer} with its default stop words (what the index uses). */
    static final TermCache ENGLISH = new TermCache();

    /** Splits text into words exactly as the index's tokenizer does (offsets included). */
    static final Analyzer WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            return new TokenStreamComponents(new StandardTokenizer());
        }
    };

    /** The filters after the tokenizer, on one word. */
    private static final Analyzer FILTERS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new KeywordTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    };

    /** Stands for a word that has no term (a stop word). */
    private static final BytesRef NONE = new BytesRef(new byte[0]);
    /** The cache is emptied when it grows past this many words. */
    static final int MAX_WORDS = 100_000;

    private final ConcurrentHashMap<String, BytesRef> terms = new ConcurrentHashMap<>();

    private TermCache() {}

    /** The index term of one word from {@link #WORDS}, or {@code null} if the word has none. */
    BytesRef term(String word) {
        BytesRef t = terms.get(word);
        if (t == null) {
            t = analyse(word);
            if (terms.size() >= MAX_WORDS) {
                terms.clear();
            }
            terms.put(word, t);
        }
        return t == NONE ? null : t;
    }

    /** Size, for tests. */
    int size() {
        return terms.size();
    }

    private static BytesRef analyse(String word) {
        try (TokenStream ts = FILTERS.tokenStream(MemoryIndex.F_CONTENT, word)) {
            TermToBytesRefAttribute term = ts.addAttribute(TermToBytesRefAttribute.class);
            ts.reset();
            BytesRef out = ts.incrementToken() ? BytesRef.deepCopyOf(term.getBytesRef()) : NONE;
            ts.end();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
