package dev.whitemagic.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimilarityTest {

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" = {2}")
    @CsvSource(delimiter = '|', value = {
        "''|''|1.0", "''|a b|0.0", "a b|''|0.0", "the quick fox|the quick fox|1.0", "The Quick fox|the quick FOX|1.0",
        "the quick fox|the lazy fox|0.5", "a b c d|c d e f|0.3333333333", "!!!|???|1.0"})
    void fastSimilarity_seedEdgeCasesAndKnownValues(String a, String b, double expected) {
        assertThat(Similarity.fastSimilarity(a, b)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void jaccard_sets() {
        assertThat(Similarity.jaccard(Set.of(), Set.of())).isEqualTo(1.0);
        assertThat(Similarity.jaccard(Set.of("a"), Set.of())).isEqualTo(0.0);
        assertThat(Similarity.jaccard(Set.of("a", "b"), Set.of("b", "c"))).isCloseTo(1 / 3.0, within(1e-12));
    }

    private static TermVector doc(String name, String text) {
        TermVector t = TermVector.of(text);
        return new TermVector(Path.of(name), t.terms(), t.tokens(), t.bytes(), null);
    }

    @Test
    void rank_tfIdf_ordersByRelevance() {
        List<TermVector> docs = List.of(
                doc("cats.txt", "cat cat cat purr whiskers the the"),
                doc("dogs.txt", "dog dog bark fetch the the"),
                doc("mixed.txt", "cat dog the the the"),
                doc("empty.txt", ""));
        List<SimilarityScore> r = Similarity.rank(TermVector.of("cat whiskers"), docs, 3);
        assertThat(r).extracting(s -> s.path().toString()).containsExactly("cats.txt", "mixed.txt", "dogs.txt");
        assertThat(r.get(0).cosine()).isGreaterThan(r.get(1).cosine());
        assertThat(r.get(2).cosine()).isZero();
        // "the" is everywhere: it weighs less than a rare word
        List<SimilarityScore> the = Similarity.rank(TermVector.of("the bark"), docs, 1);
        assertThat(the.getFirst().path()).isEqualTo(Path.of("dogs.txt"));
    }

    @Test
    void rank_leavesOutTheQueryFileItselfAndFailedFiles() {
        TermVector a = doc("a.txt", "alpha beta");
        TermVector failed = new TermVector(Path.of("bad.txt"), Map.of(), 0, 0, "no such file");
        assertThat(Similarity.rank(a, List.of(a, doc("b.txt", "alpha"), failed), 10))
                .extracting(s -> s.path().toString()).containsExactly("b.txt");
    }

    @Test
    void nearDuplicates_findsPairsAboveThreshold() {
        List<TermVector> docs = List.of(doc("a", "one two three four five"), doc("b", "one two three four six"),
                doc("c", "completely different words here"), doc("d", "one two three four five"));
        List<DuplicatePair> pairs = Similarity.nearDuplicates(docs, 0.6, ForkJoinPool.commonPool());
        assertThat(pairs).extracting(p -> p.first() + "~" + p.second()).containsExactly("a~b", "a~d", "b~d");
        assertThat(pairs.get(1).jaccard()).isEqualTo(1.0);
        assertThatThrownBy(() -> Similarity.nearDuplicates(docs, 1.5, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
