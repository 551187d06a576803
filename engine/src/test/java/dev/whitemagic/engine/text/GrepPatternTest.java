package dev.whitemagic.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrepPatternTest {

    static Stream<Arguments> regexCases() {
        return Stream.of(
                Arguments.of("foo", false), Arguments.of("fo+", false), Arguments.of("^foo", false),
                Arguments.of("foo$", false), Arguments.of("bar$", false), Arguments.of("[a-z]+_foo", false),
                Arguments.of("o\\s+b", false), Arguments.of("^$", false), Arguments.of("", false),
                Arguments.of("日本", false), Arguments.of("ü", false), Arguments.of("a.b", false),
                Arguments.of("[^a-z ]{3}", false), Arguments.of("syn\\w+zed", false), Arguments.of("\\(a\\)", false),
                Arguments.of("foo", true), Arguments.of("camel\\w+", true), Arguments.of("SYNC", true),
                Arguments.of("f[o]+bar", true));
    }

    @ParameterizedTest(name = "{0} ignoreCase={1}")
    @MethodSource("regexCases")
    void search_regex_matchesLineByLineReference(String regex, boolean ignoreCase) {
        GrepPattern p = GrepPattern.compile(regex, GrepOptions.defaults().withIgnoreCase(ignoreCase));
        assertThat(p.error()).isEmpty();
        for (long seed = 0; seed < 6; seed++) {
            String doc = TextFixtures.document(seed, 120);
            List<Long> expected = TextFixtures.referenceLines(doc, regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            GrepResult r = p.search(doc);
            assertThat(r.hits()).extracting(GrepHit::line).as("seed %d", seed).isEqualTo(expected);
            assertThat(r.matchingLines()).isEqualTo(expected.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "a.b", "über", "(a)", "tab\t", "o  b", "end.", "日本語"})
    void search_fixedString_matchesReference(String literal) {
        for (boolean ignoreCase : new boolean[] {false, true}) {
            GrepPattern p = GrepPattern.compile(literal, GrepOptions.defaults().withFixedStrings(true).withIgnoreCase(ignoreCase));
            int flags = Pattern.LITERAL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            for (long seed = 0; seed < 6; seed++) {
                String doc = TextFixtures.document(seed, 120);
                assertThat(p.search(doc).hits()).extracting(GrepHit::line)
                        .isEqualTo(TextFixtures.referenceLines(doc, literal, flags));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "bar", "a.b", "x1", "naïve"})
    void search_wordRegexp_matchesReference(String literal) {
        String quoted = Pattern.quote(literal);
        String word = "(?<![\\p{L}\\p{N}\\p{M}_])" + quoted + "(?![\\p{L}\\p{N}\\p{M}_])";
        for (boolean fixed : new boolean[] {false, true}) {
            GrepPattern p = GrepPattern.compile(fixed ? literal : quoted.replace("\\Q", "").replace("\\E", "").replace(".", "\\."),
                    GrepOptions.defaults().withFixedStrings(fixed).withWordRegexp(true));
            for (long seed = 0; seed < 6; seed++) {
                String doc = TextFixtures.document(seed, 120);
                assertThat(p.search(doc).hits()).extracting(GrepHit::line).as("fixed=%s seed %d", fixed, seed)
                        .isEqualTo(TextFixtures.referenceLines(doc, word, 0));
            }
        }
    }

    @Test
    void search_requiredBytesAtTheEdgesOrNowhere_agreeWithReference() {
        // longer than the native prefilter's minimum, so memmem decides first whether to search
        String filler = "lorem ipsum dolor sit amet, needl e and eedle\n".repeat(12);
        String[] docs = {"needle first\n" + filler, filler + "last needle", filler + "needle\n", filler,
            filler + "a needle\r\n" + filler, "needle"};
        String[][] patterns = {{"needle", "needle"}, {"ne+dle", "ne+dle"}, {"need\\w+", "need\\w+"},
            {"\\bneedle$", "\\bneedle$"}, {"a needle", "a needle"}};
        for (String doc : docs) {
            for (String[] pc : patterns) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean word = (variant & 1) != 0;
                    boolean folded = (variant & 2) != 0;
                    String text = folded ? doc.replace("needle", "NeEdLe") : doc;
                    GrepPattern p = GrepPattern.compile(pc[0], GrepOptions.defaults().withWordRegexp(word)
                            .withIgnoreCase(folded));
                    String reference = word ? "(?<![\\p{L}\\p{N}\\p{M}_])(?:" + pc[1] + ")(?![\\p{L}\\p{N}\\p{M}_])" : pc[1];
                    // as a file is searched: in a read buffer with room after the text (which the
                    // native prefilter uses for its terminating NUL), here holding the needle itself
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    byte[] buf = java.util.Arrays.copyOf(bytes, bytes.length + 16);
                    System.arraycopy("needle needle!!!".getBytes(StandardCharsets.UTF_8), 0, buf, bytes.length, 16);
                    byte[] before = buf.clone();
                    GrepSearcher searcher = new GrepSearcher(p);
                    searcher.accept(buf, bytes.length, bytes.length, true);
                    assertThat(searcher.result(null, bytes.length).hits()).extracting(GrepHit::line)
                            .as("%s word=%s -i=%s in %s", pc[0], word, folded, text.length() > 30 ? text.substring(0, 30) + "…" : text)
                            .isEqualTo(TextFixtures.referenceLines(text, reference,
                                    Pattern.MULTILINE | (folded ? Pattern.CASE_INSENSITIVE : 0)));
                    assertThat(buf).as("the buffer is as it was").isEqualTo(before);
                }
            }
        }
    }

    @Test
    void foldedPrefilter_isUsedWhileItRulesOutATextInThree_andSampledWhenItDoesNot() {
        GrepOptions icase = GrepOptions.defaults().withIgnoreCase(true).withCountOnly(true);
        // "hm" is the rarest pair of concurrenthashmap: texts without it are ruled out, and stay so
        GrepPattern rare = GrepPattern.compile("concurrenthashmap", icase);
        GrepPattern common = GrepPattern.compile("concurrenthashmap", icase);
        byte[] without = java.util.Arrays.copyOf("a map of concurrent things, and a hash\n".repeat(10)
                .getBytes(StandardCharsets.UTF_8), 500);
        byte[] with = java.util.Arrays.copyOf("a HashMap, not a concurrent one\n".repeat(12)
                .getBytes(StandardCharsets.UTF_8), 500);
        int len = 380;
        for (int i = 0; i < NativeSearch.ROUND; i++) {
            assertThat(rare.cannotMatch(without, 0, len, null)).isTrue();
            assertThat(common.cannotMatch(with, 0, len, null)).isFalse(); // holds "hM": let through
        }
        assertThat(rare.natively().inUse()).isTrue();
        assertThat(common.natively().inUse()).as("let every text through: no longer used on each").isFalse();
        // from now on it looks at one text in SAMPLE; when those are ruled out again, it is back
        int ruledOut = 0;
        int asked = 0;
        for (; asked < NativeSearch.ROUND * NativeSearch.SAMPLE && !common.natively().inUse(); asked++) {
            ruledOut += common.cannotMatch(without, 0, len, null) ? 1 : 0;
        }
        assertThat(ruledOut).as("one look in every SAMPLE").isEqualTo(NativeSearch.ROUND);
        assertThat(asked).isEqualTo((NativeSearch.ROUND - 1) * NativeSearch.SAMPLE + 1);
        assertThat(common.natively().inUse()).as("rules out most texts again: used on each").isTrue();
        assertThat(common.cannotMatch(without, 0, len, null)).isTrue();
    }

    @Test
    void rarePairSpellings_areEveryCaseOfTheRarestPair() {
        assertThat(new ByteLiteral("ConcurrentHashMap".getBytes(StandardCharsets.US_ASCII), true).rarePairSpellings())
                .extracting(String::new).containsExactlyInAnyOrder("hm", "Hm", "hM", "HM");
        assertThat(new ByteLiteral("foo_bar".getBytes(StandardCharsets.US_ASCII), true).rarePairSpellings())
                .extracting(String::new).containsExactlyInAnyOrder("_b", "_B");
        assertThat(new ByteLiteral("x".getBytes(StandardCharsets.US_ASCII), true).rarePairSpellings())
                .extracting(String::new).containsExactlyInAnyOrder("x", "X");
    }

    @Test
    void search_crlfAndNoFinalNewline_countLikeRipgrep() {
        GrepResult r = GrepPattern.compile("x", GrepOptions.defaults()).search("x\r\n\r\nx\n\nx");
        assertThat(r.hits()).extracting(GrepHit::line).containsExactly(1L, 3L, 5L);
        assertThat(r.hits().getFirst().text()).isEqualTo("x\r");
        assertThat(r.hits().getFirst().format(java.nio.file.Path.of("a.txt"))).isEqualTo("a.txt:1:x\r");
    }

    @Test
    void search_emptyInput_hasNoLines() {
        assertThat(GrepPattern.compile("", GrepOptions.defaults()).search("").matchingLines()).isZero();
        assertThat(GrepPattern.compile("^", GrepOptions.defaults()).search("a\n").matchingLines()).isEqualTo(1);
    }

    @Test
    void search_countOnly_keepsNoHits() {
        GrepResult r = GrepPattern.compile("foo", GrepOptions.defaults().withCountOnly(true)).search("foo\nbar\nfoo foo\n");
        assertThat(r.matchingLines()).isEqualTo(2);
        assertThat(r.hits()).isEmpty();
        assertThat(r.countLine()).isEqualTo("null:2");
    }

    @Test
    void search_maxCount_stopsAfterThatManyLines() {
        GrepResult r = GrepPattern.compile("a", GrepOptions.defaults().withMaxCount(2)).search("a\na\nb\na\n");
        assertThat(r.hits()).extracting(GrepHit::line).containsExactly(1L, 2L);
    }

    @Test
    void search_context_givesLinesAroundWithoutRepeats() {
        String doc = "1\n2\nhit\n4\nhit\n6\n7\n8\n9\nhit\n";
        GrepResult r = GrepPattern.compile("hit", GrepOptions.defaults().withContext(1)).search(doc);
        assertThat(r.hits()).hasSize(3);
        assertThat(r.hits().get(0).before()).extracting(GrepHit.ContextLine::line).containsExactly(2L);
        assertThat(r.hits().get(0).after()).extracting(GrepHit.ContextLine::text).containsExactly("4");
        assertThat(r.hits().get(1).before()).isEmpty();
        assertThat(r.hits().get(1).after()).extracting(GrepHit.ContextLine::line).containsExactly(6L);
        assertThat(r.hits().get(2).before()).extracting(GrepHit.ContextLine::line).containsExactly(9L);
        assertThat(r.hits().get(2).after()).isEmpty();
        assertThat(r.lines()).containsExactly("null-2-2", "null:3:hit", "null-4-4", "null:5:hit", "null-6-6", "--",
                "null-9-9", "null:10:hit");
    }

    @Test
    void search_spans_markEveryMatchInTheLine() {
        GrepHit hit = GrepPattern.compile("o+", GrepOptions.defaults()).search("foo boo\n").hits().getFirst();
        assertThat(hit.spans()).containsExactly(new GrepHit.Span(1, 3), new GrepHit.Span(5, 7));
        GrepHit lit = GrepPattern.compile("FOO", GrepOptions.defaults().withIgnoreCase(true)).search("ü foo Foo\n").hits().getFirst();
        assertThat(lit.spans()).containsExactly(new GrepHit.Span(2, 5), new GrepHit.Span(6, 9));
    }

    @Test
    void search_binaryContent_isSkipped() {
        byte[] content = "foo\0bar\nfoo\n".getBytes(StandardCharsets.UTF_8);
        GrepResult r = GrepPattern.compile("foo", GrepOptions.defaults()).search(null, content);
        assertThat(r.binary()).isTrue();
        assertThat(r.matchingLines()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(abc", "a**", "[z-a]", "x{2,1}", "\\"})
    void compile_invalidRegex_givesMessageNotException(String regex) {
        GrepPattern p = GrepPattern.compile(regex, GrepOptions.defaults());
        assertThat(p.isValid()).isFalse();
        assertThat(p.error()).get().asString().startsWith("invalid regex");
        assertThat(p.search("abc").error()).isEqualTo(p.error());
    }

    @Test
    void compile_invalidRegex_namesThePosition() {
        assertThat(GrepPattern.compile("ab(c", GrepOptions.defaults()).error()).get().asString()
                .contains("position 1").contains("missing closing )");
        assertThat(GrepPattern.compile("abc[", GrepOptions.defaults()).error()).get().asString().contains("position 4");
    }

    @Test
    void search_pathologicalRegex_finishesInLinearTime() {
        String line = "a".repeat(50_000) + "!";
        GrepPattern p = GrepPattern.compile("(a+)+$", GrepOptions.defaults());
        GrepResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> p.search(line + "\n" + line));
        assertThat(r.matchingLines()).isZero();
    }

    @Test
    void compile_plainWords_takeTheLiteralPath() {
        assertThat(GrepPattern.compile("synchronized", GrepOptions.defaults()).isLiteral()).isTrue();
        assertThat(GrepPattern.compile("a.b", GrepOptions.defaults().withFixedStrings(true)).isLiteral()).isTrue();
        assertThat(GrepPattern.compile("a.b", GrepOptions.defaults()).isLiteral()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("literalCases")
    void requiredLiteral_extract(String regex, String expected) {
        assertThat(RequiredLiteral.extract(regex)).isEqualTo(expected);
    }

    static Stream<Arguments> literalCases() {
        return Stream.of(Arguments.of("\\bvoid\\s+\\w+\\(", "void"), Arguments.of("foo|bar", null),
                Arguments.of("abc?de", "ab"), Arguments.of("abc?def", "def"), Arguments.of("ab{2}cd", "cd"), Arguments.of("(?i)abc", null),
                Arguments.of("x[abc]yz", "yz"), Arguments.of("hello\\.world", "hello.world"),
                Arguments.of("(foo)+barbaz", "barbaz"), Arguments.of("a+bc", "bc"));
    }

    @Test
    void compile_tenThousandWordAlternation_compilesAndMatches() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : "|").append("word").append(i);
        }
        GrepPattern p = GrepPattern.compile(sb.toString(), GrepOptions.defaults());
        assertThat(p.error()).isEmpty();
        assertThat(p.newMatcher().reset("a word9999 here").find()).isTrue();
    }

    @Test
    void compile_groupNested3000Deep_compilesOrSaysTooComplex_neverOverflows() {
        String nested = "(".repeat(3000) + "a" + ")".repeat(3000);
        GrepPattern p = GrepPattern.compile(nested, GrepOptions.defaults());
        if (!p.isValid()) {
            assertThat(p.error()).get().asString().startsWith("pattern too complex");
        } else {
            assertThat(p.newMatcher().reset("xay").find()).isTrue();
        }
        String deeper = "(".repeat(50_000) + "a" + ")".repeat(50_000);
        GrepPattern q = GrepPattern.compile(deeper, GrepOptions.defaults());
        assertThat(q.isValid() || q.error().orElseThrow().startsWith("pattern too complex")).isTrue();
    }

    @Test
    void search_tenThousandCapturingGroupsAlternated_matchesOrSaysTooComplex_neverOverflowsAWorker() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : "|").append("(w").append(i).append(')');
        }
        GrepPattern p = GrepPattern.compile(sb.toString(), GrepOptions.defaults());
        assertThat(p.error()).isEmpty();
        assertThat(p.newMatcher().reset("a w9999 here").find()).isTrue();
        StringBuilder unmergeable = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            unmergeable.append(i == 0 ? "" : "|").append("a").append(i).append(".*b");
        }
        GrepPattern q = GrepPattern.compile(unmergeable.toString(), GrepOptions.defaults());
        if (q.isValid()) {
            assertThat(q.newMatcher().reset("x a9999 y b").find()).isTrue();
        } else {
            assertThat(q.error()).get().asString().startsWith("pattern too complex");
        }
    }

    @Test
    void nonCapturing_keepsEscapesClassesAndQuotes() {
        assertThat(GrepPattern.nonCapturing("(a)\\(b\\)[(]([^)(]c)(?i:d)\\Q(e\\E(f)"))
                .isEqualTo("(?:a)\\(b\\)[(](?:[^)(]c)(?i:d)\\Q(e\\E(?:f)");
        assertThat(GrepPattern.nonCapturing("[]()](x)[[:alpha:]()]")).isEqualTo("[]()](?:x)[[:alpha:]()]");
    }
}
