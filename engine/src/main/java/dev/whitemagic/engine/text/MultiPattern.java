package dev.whitemagic.engine.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Many literal patterns counted in one pass: an Aho-Corasick automaton over UTF-8 bytes,
 * compiled to a dense table (one array lookup per input byte).
 *
 * <p>Counting is <em>overlapping</em>: every occurrence of every pattern counts, also when it
 * overlaps another or lies inside a longer pattern's match ({@code "aa"} occurs 3 times in
 * {@code "aaaa"}; {@code "he"} and {@code "she"} both occur once in {@code "she"}). Duplicate
 * patterns each get the same count; an empty pattern counts 0. With {@code ignoreCase}, ASCII
 * letters fold; with {@code wholeWords}, the characters on both sides must be non-word
 * (Unicode letters, digits, marks and {@code _} are word characters).
 *
 * <pre>{@code
 * MultiPattern p = MultiPattern.compile(List.of("async", "await", "gather"), MatchOptions.defaults());
 * long[] counts = p.count("async def f(): await gather()");   // [1, 1, 1]
 * List<MatchResult> matrix = kernels.match(p, paths).result().join();
 * }</pre>
 */
public final class MultiPattern {

    private final List<String> patterns;
    private final MatchOptions options;
    private final int[] delta;       // state * 256 + byte -> state
    private final int[][] outputs;   // state -> pattern ids ending here (through failure links)
    private final int[] lengths;     // pattern id -> length in bytes
    private final byte[] fold = new byte[256];

    private MultiPattern(List<String> patterns, MatchOptions options) {
        this.patterns = List.copyOf(patterns);
        this.options = options;
        for (int b = 0; b < 256; b++) {
            fold[b] = (byte) (options.ignoreCase() && b >= 'A' && b <= 'Z' ? b | 0x20 : b);
        }
        lengths = new int[patterns.size()];
        // trie
        List<int[]> next = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        next.add(newRow());
        out.add(new ArrayList<>());
        for (int id = 0; id < patterns.size(); id++) {
            byte[] bytes = patterns.get(id).getBytes(StandardCharsets.UTF_8);
            lengths[id] = bytes.length;
            if (bytes.length == 0) {
                continue;
            }
            int s = 0;
            for (byte raw : bytes) {
                int b = fold[raw & 0xFF] & 0xFF;
                if (next.get(s)[b] < 0) {
                    next.get(s)[b] = next.size();
                    next.add(newRow());
                    out.add(new ArrayList<>());
                }
                s = next.get(s)[b];
            }
            out.get(s).add(id);
        }
        int states = next.size();
        delta = new int[states * 256];
        int[] failure = new int[states];
        outputs = new int[states][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int b = 0; b < 256; b++) {
            int t = next.get(0)[b];
            if (t < 0) {
                delta[b] = 0;
            } else {
                delta[b] = t;
                failure[t] = 0;
                queue.add(t);
            }
        }
        outputs[0] = new int[0];
        while (!queue.isEmpty()) {
            int s = queue.poll();
            List<Integer> ids = new ArrayList<>(out.get(s));
            for (int id : outputs[failure[s]]) {
                ids.add(id);
            }
            outputs[s] = ids.stream().mapToInt(Integer::intValue).toArray();
            for (int b = 0; b < 256; b++) {
                int t = next.get(s)[b];
                if (t < 0) {
                    delta[s * 256 + b] = delta[failure[s] * 256 + b];
                } else {
                    delta[s * 256 + b] = t;
                    failure[t] = delta[failure[s] * 256 + b];
                    queue.add(t);
                }
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[256];
        Arrays.fill(row, -1);
        return row;
    }

    /**
     * Builds the automaton. Memory is 1 KiB per automaton state (about one state per pattern
     * byte), so 10,000 patterns of 10 bytes take about 100 MB; keep pattern lists moderate.
     */
    public static MultiPattern compile(List<String> patterns, MatchOptions options) {
        return new MultiPattern(patterns, options);
    }

    /** The patterns, in the order counts are given. */
    public List<String> patterns() {
        return patterns;
    }

    public int size() {
        return patterns.size();
    }

    public MatchOptions options() {
        return options;
    }

    /** Occurrences of each pattern in {@code text}. */
    public long[] count(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long[] counts = new long[patterns.size()];
        scan(b, 0, b.length, 0, counts);
        return counts;
    }

    /** Scans {@code b[from, to)} from automaton state {@code state}, adding to {@code counts}; returns the end state. */
    int scan(byte[] b, int from, int to, int state, long[] counts) {
        int s = state;
        boolean words = options.wholeWords();
        for (int i = from; i < to; i++) {
            s = delta[(s << 8) | (fold[b[i] & 0xFF] & 0xFF)];
            int[] ids = outputs[s];
            if (ids.length != 0) {
                for (int id : ids) {
                    if (!words || (!Utf8Words.wordBefore(b, from, i + 1 - lengths[id]) && !Utf8Words.wordAt(b, i + 1, to))) {
                        counts[id]++;
                    }
                }
            }
        }
        return s;
    }

    MatchResult countFile(Path path, ChunkReader reader) {
        long[] counts = new long[patterns.size()];
        int[] state = {0};
        ChunkReader.Outcome o = reader.read(path, (buf, len, lineEnd, eof) -> {
            state[0] = scan(buf, 0, lineEnd, state[0], counts);
            return lineEnd;
        });
        List<Long> list = Arrays.stream(counts).boxed().toList();
        if (o.error() != null) {
            return MatchResult.failed(path, patterns.size(), o.error());
        }
        return new MatchResult(path, o.binary() ? Collections.nCopies(patterns.size(), 0L) : list,
                o.binary(), o.size(), null);
    }
}
