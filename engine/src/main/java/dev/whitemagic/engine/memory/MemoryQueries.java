package dev.whitemagic.engine.memory;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/** Turns the user's query into Lucene queries. Thread-safe. */
final class MemoryQueries {

    /** How much more a match in the title counts than one in the body. */
    static final float TITLE_BOOST = 3f;
    static final int PREVIEW_CHARS = 200;
    /** A query with too many clauses for Lucene is searched as its first this-many words. */
    static final int MAX_WORDS = 200;

    private final Analyzer analyzer;

    /**
     * @param analyzer the index's analyzer for parsing: an {@code EnglishAnalyzer} with its default
     *                 stop words, which previews assume (they analyse words through {@link TermCache#ENGLISH})
     */
    MemoryQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The scoring part: classic query syntax over title and body (phrases, {@code foo*},
     * {@code foo~}, AND/OR/NOT); invalid syntax is searched as plain text; blank matches all.
     */
    Query parse(String text) {
        if (text == null || text.isBlank()) {
            return MatchAllDocsQuery.INSTANCE;
        }
        // Two-word phrases are answered from the word-pair fields: same hits and scores, no positions read.
        return WordPairQuery.rewritePhrases(parsed(text));
    }

    /** The query as parsed, phrases read from positions (what {@link #parse} answers the same, for tests). */
    Query parsed(String text) {
        try {
            return checked(parser().parse(text));
        } catch (ParseException | RuntimeException e) {
            try {
                return checked(parser().parse(QueryParser.escape(text)));
            } catch (ParseException | RuntimeException again) {
                // too many clauses (a pasted document): its first words, as text
                String[] words = text.strip().split("\\s+");
                String head = String.join(" ", Arrays.copyOf(words, Math.min(words.length, MAX_WORDS)));
                try {
                    return checked(parser().parse(QueryParser.escape(head)));
                } catch (ParseException | RuntimeException last) {
                    return new MatchNoDocsQuery("unparseable: " + head);
                }
            }
        }
    }

    /** Fails now, not in the search, when the query has more clauses than Lucene allows. */
    private static Query checked(Query q) {
        int[] clauses = {0};
        q.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... terms) {
                clauses[0] += terms.length;
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }
        });
        if (clauses[0] > IndexSearcher.getMaxClauseCount() / 2) {
            throw new IndexSearcher.TooManyClauses();
        }
        return q;
    }

    private MultiFieldQueryParser parser() {
        MultiFieldQueryParser p = new MultiFieldQueryParser(
                new String[] {MemoryIndex.F_TITLE, MemoryIndex.F_CONTENT}, analyzer,
                Map.of(MemoryIndex.F_TITLE, TITLE_BOOST, MemoryIndex.F_CONTENT, 1f));
        p.setDefaultOperator(QueryParser.Operator.OR);
        return p;
    }

    /** {@code main} restricted by type, archive and tags (all tags required). */
    static Query filtered(Query main, MemoryType type, Collection<String> tags, boolean includeArchived) {
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(main, Occur.MUST);
        if (type != null) {
            b.add(new TermQuery(new Term(MemoryIndex.F_TYPE, type.folder())), Occur.FILTER);
        } else if (!includeArchived) {
            b.add(new TermQuery(new Term(MemoryIndex.F_TYPE, MemoryType.ARCHIVE.folder())), Occur.MUST_NOT);
        }
        if (tags != null) {
            for (String t : tags) {
                if (t != null && !t.isBlank()) {
                    b.add(new TermQuery(new Term(MemoryIndex.F_TAG, MemoryIndex.tagTerm(t))), Occur.FILTER);
                }
            }
        }
        return b.build();
    }

    /** A preview maker for the hits of one search (not thread-safe). */
    PreviewMarker previews(Query main) {
        return new PreviewMarker(main, TermCache.ENGLISH, PREVIEW_CHARS);
    }
}
