package dev.whitemagic.engine.text;

import dev.whitemagic.engine.internal.NativeText;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The native side of a grep pattern's byte search: the C library's {@code strstr} and
 * {@code strlen} ({@link NativeText}), vectorised in glibc (40–70 GB/s over source text in the
 * cache, against ~5 for {@link ByteLiteral}'s loop in the quick JIT code a short command runs
 * with). Two uses:
 *
 * <ul>
 *   <li>a look first ({@link #cannotMatch}): a text without the bytes every match holds is passed
 *       over without the search loop (most files of a big tree hold no match);
 *   <li>the search itself ({@link #indexOf}) in a text's native copy
 *       ({@link ChunkReader.Consumer#mirror}), where {@code strstr}'s answers are offsets.
 * </ul>
 *
 * <p>When the case matters, the bytes looked for are the literal (a regex's prefilter). When it is
 * folded ({@code -i}), they are every spelling of the literal's rarest two adjacent bytes (up to
 * four: {@link ByteLiteral#rarePairSpellings}); a match holds one of them, each place found is
 * checked in Java. Up to four looks per text cost about a third of the search loop, so for a
 * folded literal the looks are judged every {@link #ROUND} of them and kept while they rule out
 * a third of the texts (in rounds, not once: a walk's first folders can be unlike the rest, e.g.
 * HashMap in every file of java.util); while they do not, one text in {@link #SAMPLE} is still
 * looked at, to see whether they pay again. Thread-safe: one per pattern, shared by its searches.
 */
final class NativeSearch {

    /** Looks of a folded literal after which they are judged anew. */
    static final int ROUND = 128;
    /** While they do not pay, one text in this many is still looked at. */
    static final int SAMPLE = 4;
    /** Below this many bytes the search loop is run directly (a native call has a fixed cost). */
    private static final int MIN_BYTES = 256;

    private final ByteLiteral literal;
    /** The bytes of which every match holds one (see the class comment). */
    private final NativeText.Needle[] required;
    /** Whether the case matters: {@link #required} is the literal itself. */
    private final boolean exact;
    /** When folded: where in the literal {@link #required}'s pair is. */
    private final int pairAt;
    /** Texts asked about; the looks and let-throughs of the current round; all looks (tests). */
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicInteger looked = new AtomicInteger();
    private final AtomicInteger letThrough = new AtomicInteger();
    private final AtomicInteger looks = new AtomicInteger();
    /** Whether the folded looks pay (judged every {@link #ROUND} looks). */
    private volatile boolean pays = true;

    private NativeSearch(ByteLiteral literal, NativeText.Needle[] required, boolean exact, int pairAt) {
        this.literal = literal;
        this.required = required;
        this.exact = exact;
        this.pairAt = pairAt;
    }

    /**
     * For {@code literal} (not empty): {@code exact} its bytes when the case matters, null when it
     * is folded.
     */
    static NativeSearch of(ByteLiteral literal, byte[] exact) {
        if (exact != null) {
            return new NativeSearch(literal, new NativeText.Needle[] {NativeText.needle(exact)}, true, 0);
        }
        NativeText.Needle[] spellings = literal.rarePairSpellings().stream().map(NativeText::needle)
                .toArray(NativeText.Needle[]::new);
        return new NativeSearch(literal, spellings, false, literal.rarePairAt());
    }

    /**
     * Whether no line of {@code buf[from, end)} can match, as far as a quick native look tells
     * (false: search the lines). The byte at {@code buf[end]} is briefly changed (see
     * {@link NativeText#mayContain}): the buffer must be the caller's own. With a native copy
     * ({@code mirror}, or null) there is nothing to ask first: {@link #indexOf}'s first look, or
     * the pair cursor's, is the same look.
     */
    boolean cannotMatch(byte[] buf, int from, int end, MemorySegment mirror) {
        // (asked here, not when compiled: the linking is a worker's, never the caller's, e.g. a window)
        if (end - from < MIN_BYTES || mirror != null || !NativeText.available()) {
            return false;
        }
        if (exact) {
            return !NativeText.mayContainAny(buf, from, end, required);
        }
        if (!pays && asked.getAndIncrement() % SAMPLE != 0) {
            return false;
        }
        boolean may = NativeText.mayContainAny(buf, from, end, required);
        judge(may);
        return !may;
    }

    /**
     * The first start at or after {@code from} of the literal in {@code buf[0, end)}, or -1:
     * by {@code strstr} in the native copy {@code mirror} when the case matters, with
     * {@code cursor} when it is folded, else by the Java loop.
     */
    int indexOf(byte[] buf, int from, int end, MemorySegment mirror, PairCursor cursor) {
        if (mirror != null && exact) {
            return NativeText.indexOf(mirror, from, end, required[0]);
        }
        if (cursor != null) {
            int m = literal.length();
            for (int c = cursor.next(from); c >= 0; c = cursor.next(c + 1)) {
                if (c >= from && c + m <= end && literal.matches(buf, c)) {
                    return c;
                }
            }
            return -1;
        }
        return literal.indexOf(buf, from, end);
    }

    /** Counts one look of a folded literal, and judges the round at its end. */
    private void judge(boolean may) {
        looks.incrementAndGet();
        int through = may ? letThrough.incrementAndGet() : letThrough.get();
        if (looked.incrementAndGet() == ROUND) {
            pays = through * 3 < ROUND * 2;
            letThrough.set(0);
            looked.set(0);
        }
    }

    /**
     * A cursor for a folded literal over a text's native copy (of {@code end} bytes) while the
     * looks pay; else null (the search loop then runs in Java).
     */
    PairCursor pairCursor(MemorySegment text, int end) {
        if (exact || text == null || !NativeText.available()) {
            return null;
        }
        if (!pays && asked.getAndIncrement() % SAMPLE != 0) {
            return null;
        }
        return new PairCursor(text, end);
    }

    /** After a text searched with {@code cursor}: counts, for the judgement, whether its pair was there. */
    void searched(PairCursor cursor) {
        if (cursor != null) {
            judge(cursor.any);
        }
    }

    /** How many texts the folded looks have looked at: tests. */
    int looks() {
        return looks.get();
    }

    /** Whether the folded looks are made on every text now (else on a sample): tests. */
    boolean inUse() {
        return pays;
    }

    /**
     * Where a folded literal's pair is in a text's native copy, spelling by spelling: each
     * spelling's next place is looked up once and kept until passed, so each is searched through
     * the text once. One per text.
     */
    final class PairCursor {
        private final int[] next = new int[required.length];
        private final MemorySegment text;
        private final int end;
        private boolean any;

        private PairCursor(MemorySegment text, int end) {
            this.text = text;
            this.end = end;
            Arrays.fill(next, -2); // not looked up yet
        }

        /** The first place at or after {@code from} where the literal may start (its pair is there), or -1. */
        int next(int from) {
            int best = -1;
            for (int i = 0; i < next.length; i++) {
                int n = next[i];
                if (n == -2 || n >= 0 && n < from + pairAt) {
                    n = NativeText.indexOf(text, from + pairAt, end, required[i]);
                    next[i] = n;
                }
                if (n >= 0 && (best < 0 || n < best)) {
                    best = n;
                }
            }
            any |= best >= 0;
            return best < 0 ? -1 : best - pairAt;
        }
    }
}
