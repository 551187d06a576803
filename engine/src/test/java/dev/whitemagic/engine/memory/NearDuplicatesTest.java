package dev.whitemagic.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    @Test
    void jaccard_exact() {
        assertThat(NearDuplicates.jaccard(new long[] {1, 2, 3}, new long[] {2, 3, 4})).isEqualTo(0.5);
        assertThat(NearDuplicates.jaccard(new long[] {}, new long[] {})).isZero();
        long[] s = NearDuplicates.shingles("a b c d");
        assertThat(s).hasSize(2);
        assertThat(NearDuplicates.jaccard(s, NearDuplicates.shingles("A, b. C! d"))).isEqualTo(1.0);
    }

    @Test
    void find_matchesBruteForceOnRandomCorpus() {
        Random rnd = new Random(42);
        String[] vocab = new String[400];
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = "w" + i;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                sb.append(vocab[rnd.nextInt(vocab.length)]).append(' ');
            }
            texts.add(sb.toString());
            if (i % 5 == 0) { // a near-duplicate: one word changed at the end
                texts.add(sb.substring(0, sb.length() - 4) + "zzz");
            }
        }
        Set<Set<Integer>> expected = new HashSet<>();
        long[][] sh = texts.stream().map(NearDuplicates::shingles).toArray(long[][]::new);
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                if (NearDuplicates.jaccard(sh[i], sh[j]) >= 0.8) {
                    expected.add(Set.of(i, j));
                }
            }
        }

        List<NearDuplicates.Group> groups = NearDuplicates.find(texts, 0.8, MemoryFixtures.EXECUTOR);

        Set<Set<Integer>> actual = new HashSet<>();
        for (NearDuplicates.Group g : groups) {
            Set<Integer> m = new HashSet<>();
            for (int i : g.members()) {
                m.add(i);
            }
            actual.add(m);
            assertThat(g.minSimilarity()).isGreaterThanOrEqualTo(0.8);
        }
        assertThat(expected).hasSize(30);
        assertThat(actual).isEqualTo(expected);
    }
}
