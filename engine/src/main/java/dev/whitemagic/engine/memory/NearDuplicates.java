package dev.whitemagic.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Groups near-duplicate texts: Jaccard similarity over word 3-shingles, candidates found with
 * MinHash signatures and LSH banding (so the work grows with n, not n²), every candidate pair
 * verified with the exact Jaccard, groups as connected components of verified pairs.
 */
final class NearDuplicates {

    static final int SHINGLE = 3;
    static final int HASHES = 128;
    private static final int CHUNK = 256;
    /** In an LSH bucket larger than this, each member is compared with the first and its neighbour only. */
    private static final int FULL_BUCKET = 32;

    /** A group: indexes into the input (ascending) and the lowest similarity of a linking pair. */
    record Group(int[] members, double minSimilarity) {}

    private NearDuplicates() {}

    static List<Group> find(List<String> texts, double minSimilarity, Executor executor) {
        int n = texts.size();
        long[][] shingles = new long[n][];
        int[][] signatures = new int[n][];
        List<CompletableFuture<Void>> parts = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int start = from;
            int end = Math.min(n, from + CHUNK);
            parts.add(CompletableFuture.runAsync(() -> {
                for (int i = start; i < end; i++) {
                    shingles[i] = shingles(texts.get(i));
                    signatures[i] = minHash(shingles[i]);
                }
            }, executor));
        }
        parts.forEach(CompletableFuture::join);

        int rows = minSimilarity < 0.5 ? 2 : 4;
        int bands = HASHES / rows;
        int[] parent = new int[n];
        double[] low = new double[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            low[i] = 1.0;
        }
        Set<Long> checked = new HashSet<>();
        long[] keyed = new long[n];
        for (int b = 0; b < bands; b++) {
            for (int i = 0; i < n; i++) {
                long h = b * 0x9E3779B97F4A7C15L;
                for (int r = 0; r < rows; r++) {
                    h = mix(h ^ signatures[i][b * rows + r]);
                }
                keyed[i] = (h & 0xFFFFFFFFFF000000L) | i; // 40 bits of hash, 24 bits of index
            }
            Arrays.sort(keyed);
            for (int s = 0, e; s < n; s = e) {
                long bucket = keyed[s] & 0xFFFFFFFFFF000000L;
                for (e = s + 1; e < n && (keyed[e] & 0xFFFFFFFFFF000000L) == bucket; e++) {
                    // run of one bucket
                }
                for (int x = s + 1; x < e; x++) {
                    int j = (int) (keyed[x] & 0xFFFFFF);
                    int from = e - s <= FULL_BUCKET ? s : Math.max(s, x - 1);
                    for (int y = from; y < x; y++) {
                        link((int) (keyed[y] & 0xFFFFFF), j, shingles, minSimilarity, parent, low, checked, n);
                    }
                    if (e - s > FULL_BUCKET && from != s) {
                        link((int) (keyed[s] & 0xFFFFFF), j, shingles, minSimilarity, parent, low, checked, n);
                    }
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<Group> out = new ArrayList<>();
        for (var e : byRoot.entrySet()) {
            if (e.getValue().size() > 1) {
                out.add(new Group(e.getValue().stream().mapToInt(Integer::intValue).toArray(), low[e.getKey()]));
            }
        }
        return out;
    }

    private static void link(int a, int b, long[][] sh, double min, int[] parent, double[] low, Set<Long> checked, int n) {
        int i = Math.min(a, b);
        int j = Math.max(a, b);
        if (i == j || !checked.add((long) i * n + j)) {
            return;
        }
        double sim = jaccard(sh[i], sh[j]);
        if (sim >= min) {
            int ri = find(parent, i);
            int rj = find(parent, j);
            double l = Math.min(sim, Math.min(low[ri], low[rj]));
            if (ri != rj) {
                parent[Math.max(ri, rj)] = Math.min(ri, rj);
            }
            low[Math.min(ri, rj)] = l;
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Sorted distinct hashes of the word shingles (single words for texts shorter than a shingle). */
    static long[] shingles(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> w = new ArrayList<>(words.length);
        for (String s : words) {
            if (!s.isEmpty()) {
                w.add(s);
            }
        }
        int k = w.size() >= SHINGLE ? SHINGLE : 1;
        long[] out = new long[Math.max(0, w.size() - k + 1)];
        for (int i = 0; i < out.length; i++) {
            long h = 0x84222325CBF29CE4L;
            for (int j = 0; j < k; j++) {
                String word = w.get(i + j);
                for (int c = 0; c < word.length(); c++) {
                    h = (h ^ word.charAt(c)) * 0x100000001b3L;
                }
                h = (h ^ ' ') * 0x100000001b3L;
            }
            out[i] = mix(h);
        }
        return Arrays.stream(out).sorted().distinct().toArray();
    }

    /** Multiply-shift hash functions, one per signature position (odd multipliers). */
    private static final long[] MUL = new long[HASHES];
    private static final long[] ADD = new long[HASHES];

    static {
        for (int i = 0; i < HASHES; i++) {
            MUL[i] = mix(2L * i + 1) | 1L;
            ADD[i] = mix(~(long) i);
        }
    }

    static int[] minHash(long[] shingles) {
        int[] sig = new int[HASHES];
        Arrays.fill(sig, Integer.MAX_VALUE);
        for (long s : shingles) {
            for (int i = 0; i < HASHES; i++) {
                int h = (int) ((MUL[i] * s + ADD[i]) >>> 33);
                if (h < sig[i]) {
                    sig[i] = h;
                }
            }
        }
        return sig;
    }

    /** Exact Jaccard of two sorted distinct arrays; 0 when both are empty. */
    static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
