package dev.whitemagic.engine.memory;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity.SimScorer;

/**
 * An exact two-word phrase ({@code "a b"}, slop 0, adjacent positions) on {@code title} or
 * {@code content}, answered from the field's {@link WordPairs pair field} instead of from
 * positions: the documents of the pair term {@code "a b"} are the phrase's matches and its
 * frequency is the phrase frequency. Scored exactly as {@link PhraseQuery} scores it (the same
 * similarity over the statistics of the two terms in the text field, the text field's norms, the
 * phrase frequency), so hits, scores and order are the same; only the positions are not read.
 */
final class WordPairQuery extends Query {

    /** The text fields that have a pair field. */
    static final Set<String> FIELDS = Set.of(MemoryIndex.F_TITLE, MemoryIndex.F_CONTENT);

    private final PhraseQuery phrase;
    private final String field;
    private final Term[] terms;
    private final Term pair;

    private WordPairQuery(PhraseQuery phrase) {
        this.phrase = phrase;
        this.field = phrase.getField();
        this.terms = phrase.getTerms();
        this.pair = new Term(WordPairs.field(field), WordPairs.term(terms[0].bytes(), terms[1].bytes()));
    }

    /**
     * {@code query} with each exact two-word phrase on a field with pairs replaced by a
     * {@code WordPairQuery} (inside boolean and boost queries); {@code query} itself if there is none.
     */
    static Query rewritePhrases(Query query) {
        if (query instanceof PhraseQuery p) {
            return answerable(p) ? new WordPairQuery(p) : p;
        }
        if (query instanceof BoostQuery b) {
            Query inner = rewritePhrases(b.getQuery());
            return inner == b.getQuery() ? b : new BoostQuery(inner, b.getBoost());
        }
        if (query instanceof BooleanQuery b) {
            BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
            boolean changed = false;
            for (BooleanClause c : b.clauses()) {
                Query inner = rewritePhrases(c.query());
                changed |= inner != c.query();
                builder.add(inner, c.occur());
            }
            return changed ? builder.build() : b;
        }
        return query;
    }

    private static boolean answerable(PhraseQuery p) {
        Term[] ts = p.getTerms();
        int[] pos = p.getPositions();
        return p.getSlop() == 0 && ts.length == 2 && pos[1] - pos[0] == 1 && FIELDS.contains(p.getField());
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        // As PhraseQuery's weight: the statistics of the terms that occur, or a constant score.
        SimScorer stats = null;
        if (scoreMode.needsScores()) {
            TermStatistics[] termStats = new TermStatistics[terms.length];
            int n = 0;
            for (Term t : terms) {
                TermStates states = TermStates.build(searcher, t, true);
                if (states.docFreq() > 0) {
                    termStats[n++] = searcher.termStatistics(t, states.docFreq(), states.totalTermFreq());
                }
            }
            if (n > 0) {
                stats = searcher.getSimilarity().scorer(boost, searcher.collectionStatistics(field),
                        Arrays.copyOf(termStats, n));
            }
        }
        SimScorer sim = stats != null ? stats : new SimScorer() {
            @Override
            public float score(float freq, long norm) {
                return 1;
            }
        };
        // No document scores more than with the highest frequency and the shortest field.
        float maxScore = Math.max(sim.score(Float.MAX_VALUE, 0L), sim.score(Float.MAX_VALUE, 1L));
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                Terms pairs = context.reader().terms(pair.field());
                if (pairs == null) {
                    return null;
                }
                TermsEnum te = pairs.iterator();
                if (!te.seekExact(pair.bytes())) {
                    return null;
                }
                PostingsEnum postings = te.postings(null, scoreMode.needsScores() ? PostingsEnum.FREQS : PostingsEnum.NONE);
                NumericDocValues norms = scoreMode.needsScores() ? context.reader().getNormValues(field) : null;
                return new DefaultScorerSupplier(new PairScorer(postings, sim, norms, maxScore));
            }

            @Override
            public Explanation explain(LeafReaderContext context, int doc) throws IOException {
                Scorer s = scorer(context);
                if (s == null || s.iterator().advance(doc) != doc) {
                    return Explanation.noMatch("no matching phrase");
                }
                return Explanation.match(s.score(), "weight(" + getQuery() + " in " + doc + "), from the pair "
                        + pair.text() + ", phraseFreq=" + ((PairScorer) s).postings.freq());
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return true;
            }
        };
    }

    /** The documents of a pair term, scored as the phrase: the similarity over (phrase frequency, the text field's norm). */
    private static final class PairScorer extends Scorer {

        final PostingsEnum postings;
        private final SimScorer sim;
        private final NumericDocValues norms;
        private final float maxScore;

        PairScorer(PostingsEnum postings, SimScorer sim, NumericDocValues norms, float maxScore) {
            this.postings = postings;
            this.sim = sim;
            this.norms = norms;
            this.maxScore = maxScore;
        }

        @Override
        public int docID() {
            return postings.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return postings;
        }

        @Override
        public float score() throws IOException {
            long norm = 1L;
            if (norms != null && norms.advanceExact(postings.docID())) {
                norm = norms.longValue();
            }
            return sim.score(postings.freq(), norm);
        }

        @Override
        public float getMaxScore(int upTo) {
            return maxScore;
        }
    }

    @Override
    public void visit(QueryVisitor visitor) {
        // as the phrase: previews and the clause count see its two terms on the text field
        phrase.visit(visitor);
    }

    @Override
    public String toString(String defaultField) {
        return phrase.toString(defaultField);
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && phrase.equals(((WordPairQuery) other).phrase);
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + phrase.hashCode();
    }
}
