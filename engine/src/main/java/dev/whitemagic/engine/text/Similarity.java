package dev.whitemagic.engine.text;

import dev.whitemagic.engine.internal.MapReduce;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * Document similarity: Jaccard on token sets (the seed's {@code fast_similarity}) and TF-IDF
 * cosine; ranking a batch against a query; near-duplicate pairs inside a batch.
 *
 * <p>Jaccard is |A ∩ B| / |A ∪ B| on the sets of lower-cased words; two empty sets are
 * identical (1.0), one empty set shares nothing (0.0). TF-IDF uses raw term counts and the
 * smoothed idf {@code ln((1 + N) / (1 + df)) + 1} over the N readable documents of the batch.
 *
 * <pre>{@code
 * Similarity.fastSimilarity("the quick fox", "the lazy fox");          // 0.5
 * List<TermVector> docs = kernels.terms(paths).result().join();
 * List<SimilarityScore> top = Similarity.rank(TermVector.of("thread pool"), docs, 10);
 * List<DuplicatePair> dups = Similarity.nearDuplicates(docs, 0.9, engine.cpuExecutor());
 * }</pre>
 */
public final class Similarity {

    /** The most documents {@link #nearDuplicates} compares (all pairs: n² / 2 comparisons). */
    public static final int MAX_DUPLICATE_DOCS = 5_000;

    private Similarity() {}

    /** Jaccard similarity of two sets: both empty 1.0, one empty 0.0. */
    public static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1.0;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return 0.0;
        }
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> big = small == a ? b : a;
        long common = small.stream().filter(big::contains).count();
        return (double) common / (a.size() + b.size() - common);
    }

    /** The seed's {@code fast_similarity}: Jaccard on the sets of lower-cased words of two texts. */
    public static double fastSimilarity(String a, String b) {
        return jaccard(WordIndex.count(a).keySet(), WordIndex.count(b).keySet());
    }

    /** TF-IDF cosine of two documents with the given idf weights (terms missing from {@code idf} weigh {@code defaultIdf}). */
    static double cosine(Map<String, Long> a, Map<String, Long> b, Map<String, Double> idf, double defaultIdf) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (Map.Entry<String, Long> e : a.entrySet()) {
            double w = e.getValue() * idf.getOrDefault(e.getKey(), defaultIdf);
            na += w * w;
            Long other = b.get(e.getKey());
            if (other != null) {
                dot += w * other * idf.getOrDefault(e.getKey(), defaultIdf);
            }
        }
        for (Map.Entry<String, Long> e : b.entrySet()) {
            double w = e.getValue() * idf.getOrDefault(e.getKey(), defaultIdf);
            nb += w * w;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /**
     * Ranks the readable documents of {@code docs} against {@code query}: TF-IDF cosine first,
     * then Jaccard, then path. A document with the query's own path is left out.
     */
    public static List<SimilarityScore> rank(TermVector query, List<TermVector> docs, int topN) {
        Objects.requireNonNull(query);
        List<TermVector> ok = docs.stream().filter(d -> d.errorMessage() == null).toList();
        Map<String, Integer> df = new HashMap<>();
        for (TermVector d : ok) {
            d.terms().keySet().forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int n = ok.size();
        Map<String, Double> idf = HashMap.newHashMap(df.size());
        df.forEach((t, f) -> idf.put(t, Math.log((1.0 + n) / (1.0 + f)) + 1));
        double unseen = Math.log(1.0 + n) + 1;
        Path self = query.path();
        return ok.stream()
                .filter(d -> self == null || !self.equals(d.path()))
                .map(d -> new SimilarityScore(d.path(), cosine(query.terms(), d.terms(), idf, unseen),
                        jaccard(query.terms().keySet(), d.terms().keySet())))
                .sorted(Comparator.comparingDouble(SimilarityScore::cosine).reversed()
                        .thenComparing(Comparator.comparingDouble(SimilarityScore::jaccard).reversed())
                        .thenComparing(s -> String.valueOf(s.path())))
                .limit(Math.max(0, topN))
                .toList();
    }

    /**
     * The pairs of readable documents whose Jaccard similarity is at least {@code threshold},
     * in batch order. All pairs are compared — O(n² · t) for n documents of t distinct terms,
     * rows in parallel on {@code executor}, pairs whose set sizes alone rule them out skipped —
     * so n is limited to {@link #MAX_DUPLICATE_DOCS}.
     *
     * @throws IllegalArgumentException for more documents than that, or a threshold outside 0..1
     */
    public static List<DuplicatePair> nearDuplicates(List<TermVector> docs, double threshold, Executor executor) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1: " + threshold);
        }
        List<TermVector> ok = docs.stream().filter(d -> d.errorMessage() == null).toList();
        if (ok.size() > MAX_DUPLICATE_DOCS) {
            throw new IllegalArgumentException("near-duplicate search compares all pairs; at most "
                    + MAX_DUPLICATE_DOCS + " documents, got " + ok.size());
        }
        Map<String, Integer> ids = new HashMap<>();
        int[][] sets = new int[ok.size()][];
        for (int i = 0; i < ok.size(); i++) {
            sets[i] = ok.get(i).terms().keySet().stream().mapToInt(t -> ids.computeIfAbsent(t, k -> ids.size()))
                    .sorted().toArray();
        }
        List<Integer> rows = IntStream.range(0, ok.size()).boxed().toList();
        return MapReduce.mapReduce(rows, executor, i -> {
            List<DuplicatePair> found = new ArrayList<>();
            for (int j = i + 1; j < sets.length; j++) {
                int a = sets[i].length;
                int b = sets[j].length;
                if (a != 0 && b != 0 && (double) Math.min(a, b) / Math.max(a, b) < threshold) {
                    continue;
                }
                double s = jaccard(sets[i], sets[j]);
                if (s >= threshold) {
                    found.add(new DuplicatePair(ok.get(i).path(), ok.get(j).path(), s));
                }
            }
            return found;
        }, (x, y) -> {
            List<DuplicatePair> all = new ArrayList<>(x.size() + y.size());
            all.addAll(x);
            all.addAll(y);
            return all;
        }, List.of());
    }

    /** Jaccard of two sorted id sets. */
    static double jaccard(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        if (a.length == 0 || b.length == 0) {
            return 0.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            int c = Integer.compare(a[i], b[j]);
            if (c == 0) {
                common++;
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

}
