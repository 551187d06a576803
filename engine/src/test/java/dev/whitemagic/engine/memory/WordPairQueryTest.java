package dev.whitemagic.engine.memory;

import static dev.whitemagic.engine.memory.MemoryFixtures.md;
import static dev.whitemagic.engine.memory.MemoryFixtures.open;
import static dev.whitemagic.engine.memory.MemoryFixtures.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPairQueryTest {

    /** Few words, so that phrases repeat; stop words, possessives and plurals, so that analysis matters. */
    private static final String[] WORDS = ("server servers server's cache caches cached deploy deploys the of a to "
            + "and migration database it's node nodes queue log logs x9 v2.1 e.g. rollout").split(" ");

    @TempDir
    Path dir;

    private static String text(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(WORDS[r.nextInt(WORDS.length)]).append(i % 7 == 6 ? ". " : r.nextInt(9) == 0 ? ", " : " ");
        }
        return b.toString();
    }

    /** Every two-word phrase: the same hits, scores (to the bit) and order from the pairs as from positions. */
    @Test
    void twoWordPhrases_sameHitsScoresAndOrderAsThePhraseQuery() throws IOException {
        Random r = new Random(42);
        MemoryQueries queries = new MemoryQueries(new EnglishAnalyzer());
        try (MemoryIndex index = MemoryIndex.openFresh(dir.resolve("index"))) {
            for (int i = 0; i < 600; i++) {
                index.add(new Memory("m" + i, text(r, 2 + r.nextInt(6)), text(r, r.nextInt(60)), List.of(),
                        MemoryType.SHORT_TERM, Instant.EPOCH, null, null, null, null));
                if (i % 200 == 199) {
                    index.commit("f" + i); // several segments
                }
            }
            index.refresh();
            int compared = 0;
            for (String a : WORDS) {
                for (String b : WORDS) {
                    String phrase = "\"" + a + " " + b + "\"";
                    Query pairs = queries.parse(phrase);
                    Query positions = queries.parsed(phrase);
                    for (int limit : new int[] {3, 1000}) {
                        for (Query filter : new Query[] {null, new org.apache.lucene.search.TermQuery(
                                new org.apache.lucene.index.Term(MemoryIndex.F_TITLE, "cach"))}) {
                            List<MemoryIndex.Scored> expected = index.search(with(positions, filter), limit);
                            List<MemoryIndex.Scored> actual = index.search(with(pairs, filter), limit);
                            assertThat(actual).as(phrase + " top " + limit).isEqualTo(expected);
                            compared += expected.size();
                        }
                    }
                }
            }
            assertThat(compared).isGreaterThan(10_000);
        }
    }

    /** Adding many at once (texts analysed ahead on an executor) gives the same index as adding each in turn. */
    @Test
    void addAll_sameHitsAsAddOfEach() throws IOException {
        Random r = new Random(7);
        List<Memory> memories = new ArrayList<>();
        for (int i = 0; i < 3 * MemoryIndex.ANALYSIS_CHUNK + 17; i++) {
            memories.add(new Memory("m" + i, text(r, 3), text(r, r.nextInt(40)), List.of(), MemoryType.SHORT_TERM,
                    Instant.EPOCH, null, null, null, null));
        }
        MemoryQueries queries = new MemoryQueries(new EnglishAnalyzer());
        try (MemoryIndex each = MemoryIndex.openFresh(dir.resolve("each"));
                MemoryIndex all = MemoryIndex.openFresh(dir.resolve("all"))) {
            for (Memory m : memories) {
                each.add(m);
            }
            all.addAll(memories, MemoryFixtures.EXECUTOR);
            each.refresh();
            all.refresh();
            for (String q : new String[] {"server", "\"cache node\"", "deploy* queue", "migration database rollout"}) {
                Query query = MemoryQueries.filtered(queries.parse(q), null, List.of(), false);
                assertThat(all.search(query, 1000)).as(q).isEqualTo(each.search(query, 1000)).isNotEmpty();
            }
        }
    }

    private static Query with(Query main, Query should) {
        return should == null ? MemoryQueries.filtered(main, null, List.of(), false)
                : new BooleanQuery.Builder().add(main, Occur.MUST).add(should, Occur.SHOULD).build();
    }

    @Test
    void rewritePhrases_twoAdjacentWordsOnly() {
        MemoryQueries queries = new MemoryQueries(new EnglishAnalyzer());

        assertThat(queries.parse("\"database migration\"").toString()).isEqualTo(queries.parsed("\"database migration\"").toString());
        assertThat(hasPairs(queries.parse("\"database migration\" node"))).isTrue();
        assertThat(hasPairs(queries.parse("\"database of migration\""))).isFalse(); // a stop word between: a gap
        assertThat(hasPairs(queries.parse("\"database migration rollout\""))).isFalse();
        assertThat(hasPairs(queries.parse("\"database migration\"~2"))).isFalse();
        assertThat(hasPairs(queries.parse("database migration"))).isFalse();
    }

    private static boolean hasPairs(Query q) {
        if (q instanceof WordPairQuery) {
            return true;
        }
        if (q instanceof BooleanQuery b) {
            return b.clauses().stream().anyMatch(c -> hasPairs(c.query()));
        }
        return q instanceof org.apache.lucene.search.BoostQuery b && hasPairs(b.getQuery());
    }

    @Test
    void search_phraseAcrossAStopWord_noMatch() throws IOException {
        writeRaw(dir, MemoryType.SHORT_TERM, "20250101_120000_a.md", md("Notes", "", "The migration of the database ran."));
        writeRaw(dir, MemoryType.SHORT_TERM, "20250101_120001_b.md", md("More", "", "A database migration, twice: database migration."));
        try (MemoryStore store = open(dir)) {
            assertThat(store.search("\"migration database\"", null, List.of(), false, 10)).isEmpty();
            List<SearchHit> hits = store.search("\"database migration\"", null, List.of(), false, 10);
            assertThat(hits).extracting(SearchHit::id).containsExactly("20250101_120001_b");
            assertThat(hits.get(0).preview()).isEqualTo("A «database» «migration», twice: «database» «migration».");
        }
    }

    /** An index written before the pair fields (no format in its commit) is rebuilt on open, so phrases find everything. */
    @Test
    void index_ofAnOlderFormat_rebuiltOnOpen() throws IOException {
        writeRaw(dir, MemoryType.SHORT_TERM, "20250101_120000_a.md", md("Notes", "", "A database migration."));
        String fingerprint;
        try (MemoryStore store = open(dir)) {
            fingerprint = store.fingerprint();
        }
        Path indexDir = dir.resolve("index").resolve("memory");
        try (IndexWriter w = new IndexWriter(FSDirectory.open(indexDir), new IndexWriterConfig(new EnglishAnalyzer()))) {
            w.deleteAll(); // an old index: the text fields only
            org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
            d.add(new org.apache.lucene.document.StringField(MemoryIndex.F_ID, "20250101_120000_a",
                    org.apache.lucene.document.Field.Store.YES));
            d.add(new org.apache.lucene.document.TextField(MemoryIndex.F_CONTENT, "A database migration.",
                    org.apache.lucene.document.Field.Store.NO));
            d.add(new org.apache.lucene.document.StringField(MemoryIndex.F_TYPE, MemoryType.SHORT_TERM.folder(),
                    org.apache.lucene.document.Field.Store.NO));
            w.addDocument(d);
            w.setLiveCommitData(Map.of(MemoryIndex.FINGERPRINT, fingerprint).entrySet());
            w.commit();
        }
        try (MemoryStore store = open(dir)) {
            assertThat(store.problems()).anyMatch(p -> p.contains("rebuilt"));
            assertThat(store.search("\"database migration\"", null, List.of(), false, 10)).hasSize(1);
        }
        try (MemoryStore store = open(dir)) {
            assertThat(store.problems()).noneMatch(p -> p.contains("rebuilt"));
        }
    }

    @Test
    void wordPairs_pairsOfAdjacentTermsOnly_termsAsTheAnalyzerGivesThem() throws IOException {
        String text = "The servers' caches of the node, deployed nodes";
        WordPairs w = WordPairs.analyze(new EnglishAnalyzer(), MemoryIndex.F_CONTENT, text);

        assertThat(tokens(w.pairs())).containsExactly("server cach/1", "node deploi/1", "deploi node/1");
        assertThat(tokens(w.terms())).isEqualTo(tokens(new EnglishAnalyzer().tokenStream(MemoryIndex.F_CONTENT, text)))
                .containsExactly("server/2", "cach/1", "node/3", "deploi/1", "node/1");
        assertThat(tokens(WordPairs.analyze(new EnglishAnalyzer(), MemoryIndex.F_CONTENT, "the").pairs())).isEmpty();
    }

    private static List<String> tokens(org.apache.lucene.analysis.TokenStream stream) throws IOException {
        List<String> out = new ArrayList<>();
        try (var ts = stream) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            var inc = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term + "/" + inc.getPositionIncrement());
            }
            ts.end();
        }
        return out;
    }
}
