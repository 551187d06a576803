package dev.whitemagic.engine.text;

import dev.whitemagic.engine.internal.MapReduce;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Word frequencies: words are {@code [A-Za-z_][A-Za-z0-9_]*}, lower-cased (found by scanning
 * bytes, not with a regex; a non-ASCII byte ends a word). Per-file counts come from
 * {@link TextKernels#index}; {@link #top(List, int, int, Executor)} merges them map-reduce style
 * (pairwise, in parallel) and keeps the most frequent.
 *
 * <pre>{@code
 * List<WordCounts> perFile = kernels.index(paths).result().join();
 * List<WordCount> top = WordIndex.top(perFile, 3, 20, engine.cpuExecutor());   // min length 3, top 20
 * Map<String, Long> one = WordIndex.count("The cat and the hat");                // {the=2, cat=1, ...}
 * }</pre>
 */
public final class WordIndex {

    private WordIndex() {}

    /** The word counts of one text. */
    public static Map<String, Long> count(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Map<String, long[]> counts = new HashMap<>();
        count(b, 0, b.length, counts, new byte[64]);
        return unbox(counts);
    }

    /** Adds the words of {@code b[from, to)} to {@code counts}; returns the number of words. */
    static long count(byte[] b, int from, int to, Map<String, long[]> counts, byte[] scratch) {
        long words = 0;
        int i = from;
        while (i < to) {
            int c = b[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) {
                i++; // digits before a letter are not part of a word: "1abc" holds "abc", as the regex finds
                continue;
            }
            int start = i;
            while (i < to && Utf8Words.isAsciiWord(b[i])) {
                i++;
            }
            int n = i - start;
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            for (int k = 0; k < n; k++) {
                byte x = b[start + k];
                scratch[k] = (x >= 'A' && x <= 'Z') ? (byte) (x | 0x20) : x;
            }
            String word = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
            long[] cell = counts.get(word);
            if (cell == null) {
                counts.put(word, new long[] {1});
            } else {
                cell[0]++;
            }
            words++;
        }
        return words;
    }

    static Map<String, Long> unbox(Map<String, long[]> counts) {
        Map<String, Long> out = HashMap.newHashMap(counts.size());
        counts.forEach((w, c) -> out.put(w, c[0]));
        return out;
    }

    static WordCounts countFile(Path path, ChunkReader reader) {
        Map<String, long[]> counts = new HashMap<>();
        long[] words = {0};
        byte[][] scratch = {new byte[64]};
        ChunkReader.Outcome o = reader.read(path, (buf, len, lineEnd, eof) -> {
            words[0] += count(buf, 0, lineEnd, counts, scratch[0]);
            return lineEnd;
        });
        if (o.error() != null) {
            return WordCounts.failed(path, o.error());
        }
        return new WordCounts(path, o.binary() ? Map.of() : unbox(counts), o.binary() ? 0 : words[0], o.binary(),
                o.size(), null);
    }

    /**
     * Merges per-file counts (map-reduce: pairwise merges in parallel on {@code executor}) and
     * returns the {@code topN} most frequent words of at least {@code minLength} chars, most
     * frequent first, ties by word.
     */
    public static List<WordCount> top(List<WordCounts> perFile, int minLength, int topN, Executor executor) {
        List<Map<String, Long>> maps = new ArrayList<>(perFile.size());
        for (WordCounts w : perFile) {
            if (w.errorMessage() == null) {
                maps.add(w.counts());
            }
        }
        Map<String, Long> merged = MapReduce.mapReduce(maps, executor, m -> filtered(m, minLength),
                (a, b) -> {
                    Map<String, Long> big = a.size() >= b.size() ? a : b;
                    Map<String, Long> small = big == a ? b : a;
                    small.forEach((w, n) -> big.merge(w, n, Long::sum));
                    return big;
                }, new HashMap<>());
        return top(merged, minLength, topN);
    }

    /** The {@code topN} most frequent words of at least {@code minLength} chars in {@code counts}. */
    public static List<WordCount> top(Map<String, Long> counts, int minLength, int topN) {
        return counts.entrySet().stream()
                .filter(e -> e.getKey().length() >= minLength)
                .map(e -> new WordCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(WordCount::count).reversed().thenComparing(WordCount::word))
                .limit(Math.max(0, topN))
                .toList();
    }

    private static Map<String, Long> filtered(Map<String, Long> m, int minLength) {
        Map<String, Long> out = HashMap.newHashMap(m.size());
        m.forEach((w, n) -> {
            if (w.length() >= minLength) {
                out.put(w, n);
            }
        });
        return out;
    }
}
