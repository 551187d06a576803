package dev.whitemagic.engine.memory;

import java.util.Collection;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Turns the user's query into Lucene queries. Thread-safe. */
final class MemoryQueries {

    /** How much more a match in the title counts than one in the body. */
    static final float TITLE_BOOST = 3f;
    static final int PREVIEW_CHARS = 200;

    private final Analyzer analyzer;

    MemoryQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The scoring part: classic query syntax over title and body (phrases, {@code foo*},
     * {@code foo~}, AND/OR/NOT); invalid syntax is searched as plain text; blank matches all.
     */
    Query parse(String text) {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        try {
            return parser().parse(text);
        } catch (ParseException | RuntimeException e) {
            try {
                return parser().parse(QueryParser.escape(text));
            } catch (ParseException | RuntimeException again) {
                return new MatchNoDocsQuery("unparseable: " + text);
            }
        }
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
        return new PreviewMarker(main, analyzer, PREVIEW_CHARS);
    }
}
