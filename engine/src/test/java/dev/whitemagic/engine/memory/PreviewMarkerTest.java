package dev.whitemagic.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewMarkerTest {

    private static final MemoryQueries QUERIES = new MemoryQueries(new EnglishAnalyzer());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "deployment|We talked about deployment and coffee.|We talked about «deployment» and coffee.",
            "deploy|Deploy, deployed.|«Deploy», «deployed».",
            "sess*|The session expired.|The «session» expired.",
            "cooky~|The cookie expired.|The «cookie» expired.",
            "\"database migration\"|Run the database migration.|Run the «database» «migration».",
            "coffee -deployment|deployment and coffee|deployment and «coffee»",
            "title:coffee|deployment and coffee|deployment and coffee",
            "zebra|Nothing matches   here.|Nothing matches here."})
    void preview_marksMatchedWords(String query, String body, String expected) {
        assertThat(QUERIES.previews(QUERIES.parse(query)).preview(body)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void preview_longBody_windowAroundTheMatches() {
        String body = "filler ".repeat(200) + "the wombat sat on the wombat mat " + "filler ".repeat(200);

        String p = QUERIES.previews(QUERIES.parse("wombat")).preview(body);

        assertThat(p).startsWith("…").endsWith("…").contains("the «wombat» sat on the «wombat» mat");
        assertThat(p.length()).isLessThan(MemoryQueries.PREVIEW_CHARS + 60);
    }

    /** The words' terms and offsets as the previews see them equal the index analyzer's, token for token. */
    @org.junit.jupiter.api.Test
    void termCache_sameTermsAndOffsetsAsTheEnglishAnalyzer() throws Exception {
        java.util.Random r = new java.util.Random(42);
        String[] pieces = {"The", "deployment's", "Deploying", "DEPLOYED", "happy", "happiness", "filing", "possibility",
                "relational", "it's", "James'", "O'Neil's", "e-mail", "user@example.com", "http://x.org/a?b=c", "3.14",
                "1,000", "v2.0", "naïve", "Straße", "İstanbul", "日本語", "東京", "emoji😀ok", "don't", "THE", "and", "a",
                "x".repeat(300), "snake_case", "camelCase", "über-cool", "--", "...", "\t", "\n\n", "  ", "(paren)",
                "[link](url)", "#tag", "@mention", "C++", "C#", ".NET", "a.b.c", "U.S.A.", "ies", "sses", "yyy", "ys"};
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[r.nextInt(pieces.length)]).append(r.nextInt(4) == 0 ? "" : r.nextBoolean() ? " " : ", ");
            }
            String text = sb.toString();
            assertThat(viaCache(text)).as(text).isEqualTo(viaAnalyzer(text));
        }
    }

    private static java.util.List<String> viaAnalyzer(String text) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (EnglishAnalyzer a = new EnglishAnalyzer();
                org.apache.lucene.analysis.TokenStream ts = a.tokenStream(MemoryIndex.F_CONTENT, text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute.class);
            var offset = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.getBytesRef().utf8ToString() + "@" + offset.startOffset() + "-" + offset.endOffset());
            }
            ts.end();
        }
        return out;
    }

    private static java.util.List<String> viaCache(String text) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (org.apache.lucene.analysis.TokenStream ts = TermCache.WORDS.tokenStream(MemoryIndex.F_CONTENT, text)) {
            var word = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            var offset = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                org.apache.lucene.util.BytesRef b = TermCache.ENGLISH.term(word.toString());
                if (b != null) {
                    out.add(b.utf8ToString() + "@" + offset.startOffset() + "-" + offset.endOffset());
                }
            }
            ts.end();
        }
        return out;
    }

    @org.junit.jupiter.api.Test
    void oneLine_sameAsTheRegex() {
        java.util.Random r = new java.util.Random(7);
        char[] chars = {'a', 'b', ' ', '\t', '\n', '\r', '\f', 0x0B, '\u00A0', '\u2003', '\u001C', 'x', ' ', ' '};
        for (int round = 0; round < 2000; round++) {
            char[] s = new char[r.nextInt(20)];
            for (int i = 0; i < s.length; i++) {
                s[i] = chars[r.nextInt(chars.length)];
            }
            String in = new String(s);
            assertThat(PreviewMarker.oneLine(in)).as("%s", java.util.Arrays.toString(s))
                    .isEqualTo(in.replaceAll("\\s+", " ").strip());
        }
    }

    /** The start of a body without matches, made one line from a prefix when that is enough: as from the whole window. */
    @org.junit.jupiter.api.Test
    void plainStart_sameAsOneLineOfTheWholeWindow() {
        java.util.Random r = new java.util.Random(8);
        char[] chars = {'a', 'b', ' ', '\t', '\n', '\r', '\f', 0x0B, '\u00A0', '\u2003', '\u001C', 'x', ' ', ' '};
        for (int round = 0; round < 5000; round++) {
            int width = 1 + r.nextInt(12);
            char[] s = new char[r.nextInt(width * 6)];
            boolean spacey = r.nextBoolean();
            for (int i = 0; i < s.length; i++) {
                s[i] = spacey || r.nextInt(4) == 0 ? chars[r.nextInt(chars.length)] : (char) ('a' + r.nextInt(26));
            }
            String in = new String(s);
            String window = PreviewMarker.oneLine(in.length() > width * 4 ? in.substring(0, width * 4) : in);
            String expected = window.length() <= width ? window : window.substring(0, width) + "…";
            assertThat(PreviewMarker.plainStart(in, width)).as("%s, width %d", java.util.Arrays.toString(s), width)
                    .isEqualTo(expected);
        }
    }

    /** The quick split of plain ASCII bodies into words finds the words the tokenizer finds. */
    @org.junit.jupiter.api.Test
    void asciiWords_sameWordsAsTheTokenizer() throws Exception {
        PreviewMarker all = new PreviewMarker(
                new org.apache.lucene.search.WildcardQuery(new org.apache.lucene.index.Term(MemoryIndex.F_CONTENT, "*")),
                TermCache.ENGLISH, MemoryQueries.PREVIEW_CHARS);
        String alphabet = "aaabZz0119 .,:;'\"-!?()/@#\n\t\r\u000B\u0000";
        String[] words = {"the", "deploy", "3.14", "1,000", "a.b", "x:y", "it's", "1;2", "ab12", "12ab", "a.1", "1.a",
                "e.g.", "U.S.A.", "don't", "'quoted'", "a'", "'a", "x".repeat(300), "end.", "and", "Testing", "_", "é"};
        java.util.Random r = new java.util.Random(11);
        for (int round = 0; round < 3000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                if (r.nextInt(3) == 0) {
                    sb.append(words[r.nextInt(words.length)]);
                } else {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            java.util.List<String> expected = viaCache(text).stream().map(t -> t.substring(t.lastIndexOf('@') + 1)).toList();
            java.util.List<String> got = all.matches(text).stream().map(m -> m[0] + "-" + m[1]).toList();
            assertThat(got).as("%s", text).isEqualTo(expected);
        }
    }

    /**
     * Previews skip words whose first character no query term can start with: that relies on the
     * English chain keeping a word's first character, lower-cased. Checked on every ASCII word of
     * the tokenizer test pieces and on short words made only of suffixes.
     */
    @org.junit.jupiter.api.Test
    void termCache_termStartsWithTheWordsFirstCharacterLowerCased() {
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of("The", "deployment's", "Deploying",
                "DEPLOYED", "happy", "happiness", "filing", "possibility", "relational", "it's", "James", "O'Neil's",
                "3.14", "1,000", "v2", "ies", "sses", "yyy", "ys", "y", "s", "ss", "ed", "ing", "eed", "ied", "ying",
                "ate", "ational", "izer", "ement", "Y's", "IES", "a.b", "U.S.A", "xs", "is", "as", "us", "e", "x"));
        String letters = "aeiouysdgnltbzcwhr";
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder w = new StringBuilder();
            int n = 1 + r.nextInt(7);
            for (int k = 0; k < n; k++) {
                w.append(letters.charAt(r.nextInt(letters.length())));
            }
            words.add(r.nextBoolean() ? w.toString() : w.toString().toUpperCase(java.util.Locale.ROOT));
        }
        for (String w : words) {
            org.apache.lucene.util.BytesRef t = TermCache.ENGLISH.term(w);
            if (t != null) {
                assertThat((char) t.bytes[t.offset]).as(w).isEqualTo(Character.toLowerCase(w.charAt(0)));
                // and a term of two characters or more has the word's second one too, but for a
                // 'y' made 'i' ("iys" -> "ii"): previews also filter words by their first two
                if (t.length >= 2) {
                    char second = (char) t.bytes[t.offset + 1];
                    char wordSecond = Character.toLowerCase(w.charAt(1));
                    assertThat(second == wordSecond || second == 'i' && wordSecond == 'y').as("%s -> %s", w,
                            t.utf8ToString()).isTrue();
                }
            }
        }
    }

    /**
     * Filtering words by their first two characters finds the same matches as by the first one
     * alone, for terms, phrases, prefixes, and queries that cannot use it (one-letter terms,
     * fuzzy, wildcard).
     */
    @org.junit.jupiter.api.Test
    void matches_filteredByTheFirstTwoCharacters_sameAsByTheFirst() {
        String[] vocabulary = {"deploy", "deployment", "Deployed", "DEPLOYING", "database", "databases", "migration",
            "happy", "happiness", "try", "tries", "iys", "ays", "city", "cities", "coffee", "O'Neil's", "it's", "U.S.A.",
            "e.g.", "3.14", "1,000", "v2", "ab12", "x.db", "db.x", "dada", "ddd", "y", "yy", "Yard", "yields", "naïve"};
        String[] queries = {"deploy", "database migration", "\"database migration\"", "happy", "try", "iys", "city",
            "dep*", "data*", "yi*", "coffee -deploy", "deploy~", "d*y", "x", "v2", "3.14", "o'neil", "usa", "da*", "e.g"};
        String glue = " .,:;'\"-!?()\n\t";
        java.util.Random r = new java.util.Random(23);
        for (String q : queries) {
            PreviewMarker filtered = QUERIES.previews(QUERIES.parse(q));
            PreviewMarker all = QUERIES.previews(QUERIES.parse(q)).withoutPairFilter();
            for (int round = 0; round < 400; round++) {
                StringBuilder sb = new StringBuilder();
                int n = r.nextInt(30);
                for (int k = 0; k < n; k++) {
                    String w = vocabulary[r.nextInt(vocabulary.length)];
                    sb.append(r.nextInt(5) == 0 ? w.toUpperCase(java.util.Locale.ROOT) : w);
                    sb.append(glue.charAt(r.nextInt(glue.length())));
                }
                String text = sb.toString();
                assertThat(filtered.matches(text).stream().map(m -> m[0] + "-" + m[1]).toList()).as("%s in %s", q, text)
                        .isEqualTo(all.matches(text).stream().map(m -> m[0] + "-" + m[1]).toList());
            }
        }
    }

    /** A query that starts with another letter than a word still marks it when an automaton (fuzzy) allows. */
    @org.junit.jupiter.api.Test
    void preview_fuzzyMatchWithAnotherFirstLetter() {
        assertThat(QUERIES.previews(QUERIES.parse("bookie~")).preview("The cookie expired.")).isEqualTo("The «cookie» expired.");
    }
}
