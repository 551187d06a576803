package dev.whitemagic.engine.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * Whether a byte array may hold a byte string, by the C library's {@code strstr}: glibc's is
 * vectorised (40–70 GB/s over source text in the cache here, against ~10 for its {@code memmem}
 * and ~5 for the grep kernel's own loop in the quick JIT code a short command runs with). The
 * arrays are handed to C where they lie, by a critical call: no copy, but the garbage collector
 * waits for the call, so one call looks at most {@link #WINDOW} bytes.
 *
 * <p>{@code strstr} stops at a NUL byte, so the array gets one, for the call, right after the
 * range looked at (put back after), and {@code strlen} tells whether the text held one of its own
 * before it: then the answer is "maybe". {@link #available()} is false where {@link NativeFiles}
 * is (off Linux, native access denied); callers then search in Java.
 */
public final class NativeText {

    /** Bytes looked at per call at most. */
    static final int WINDOW = 1 << 20;

    private NativeText() {}

    /** Whether {@link #mayContain} can be called. */
    public static boolean available() {
        return Linked.STRSTR != null;
    }

    /** A byte string to look for, prepared once: as a C string (none when it holds a NUL byte). */
    public static final class Needle {
        private final int length;
        private final MemorySegment cString;

        private Needle(byte[] bytes) {
            this.length = bytes.length;
            boolean nul = false;
            for (byte b : bytes) {
                nul |= b == 0;
            }
            this.cString = nul ? null : MemorySegment.ofArray(Arrays.copyOf(bytes, bytes.length + 1));
        }
    }

    /** {@code bytes} (not empty) prepared for {@link #mayContain}. */
    public static Needle needle(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty needle");
        }
        return new Needle(bytes);
    }

    /**
     * Whether {@code hay[from, to)} may contain {@code needle}: false only when it certainly does
     * not. During the call a byte after each range looked at is 0 (and then put back): the caller
     * must own {@code hay} (no other thread reads or writes it meanwhile). Without a byte after
     * the range ({@code to == hay.length}) or with a needle holding a NUL, the answer is "maybe".
     *
     * @throws UnsupportedOperationException when not {@link #available()}
     */
    public static boolean mayContain(byte[] hay, int from, int to, Needle needle) {
        return mayContainAny(hay, from, to, new Needle[] {needle}, WINDOW);
    }

    /**
     * As {@link #mayContain}, for several needles: false only when {@code hay[from, to)} certainly
     * holds none of them (e.g. the case variants of a piece of a case-insensitive pattern).
     */
    public static boolean mayContainAny(byte[] hay, int from, int to, Needle[] needles) {
        return mayContainAny(hay, from, to, needles, WINDOW);
    }

    /** As {@link #mayContainAny(byte[], int, int, Needle[])}, {@code window} bytes per call (tests use small ones). */
    static boolean mayContainAny(byte[] hay, int from, int to, Needle[] needles, int window) {
        Objects.checkFromToIndex(from, to, hay.length);
        int n = 0;
        for (Needle needle : needles) {
            if (needle.cString == null) {
                return true;
            }
            n = Math.max(n, needle.length);
        }
        if (window < n) {
            throw new IllegalArgumentException("window shorter than a needle");
        }
        MethodHandle strstr = Linked.STRSTR;
        if (strstr == null) {
            throw new UnsupportedOperationException("native text search is not available");
        }
        MemorySegment all = MemorySegment.ofArray(hay);
        // consecutive windows overlap by n - 1 bytes, so a match across their border is found
        for (int start = from; to - start >= n; start += window - (n - 1)) {
            int end = (int) Math.min(to, (long) start + window);
            if (end >= hay.length) {
                return true; // no room for the terminating NUL
            }
            byte after = hay[end];
            hay[end] = 0;
            try {
                MemorySegment at = start == 0 ? all : all.asSlice(start);
                for (Needle needle : needles) {
                    if ((long) strstr.invokeExact(at, needle.cString) != 0) {
                        return true;
                    }
                }
                if ((long) Linked.STRLEN.invokeExact(at) != end - start) {
                    return true; // the text holds a NUL where strstr stopped
                }
            } catch (Throwable t) {
                throw new IllegalStateException("strstr failed to run", t);
            } finally {
                hay[end] = after;
            }
            if (end == to) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether {@code hay[from, to)} holds a NUL byte (the binary check of a file's head), by
     * {@code strlen}; the byte at {@code hay[to]} is 0 during the call, as for
     * {@link #mayContain}. Without a byte after the range ({@code to == hay.length}) or when not
     * {@link #available()}: {@link SafeFiles#looksBinary}, in Java.
     */
    public static boolean hasNul(byte[] hay, int from, int to) {
        Objects.checkFromToIndex(from, to, hay.length);
        MethodHandle strlen = Linked.STRLEN;
        if (strlen == null || to >= hay.length || to - from > WINDOW) {
            for (int i = from; i < to; i++) {
                if (hay[i] == 0) {
                    return true;
                }
            }
            return false;
        }
        byte after = hay[to];
        hay[to] = 0;
        try {
            MemorySegment all = MemorySegment.ofArray(hay);
            MemorySegment at = from == 0 ? all : all.asSlice(from); // (a local: invokeExact takes its static type)
            return (long) strlen.invokeExact(at) != to - from;
        } catch (Throwable t) {
            throw new IllegalStateException("strlen failed to run", t);
        } finally {
            hay[to] = after;
        }
    }

    /**
     * Where {@code needle} first starts in {@code text[from, to)}, or -1: for a file that
     * {@link NativeFiles.OpenFile#mirror} holds in native memory, {@code to} its length (the NUL
     * there ends the search) and no NUL before it (see {@link #nulFree}).
     */
    public static int indexOf(MemorySegment text, int from, int to, Needle needle) {
        if (needle.cString == null || to - from < needle.length) {
            return -1;
        }
        try {
            MemorySegment at = text.asSlice(from);
            long r = (long) Linked.STRSTR.invokeExact(at, needle.cString);
            if (r == 0) {
                return -1;
            }
            long i = r - text.address();
            return i + needle.length <= to ? (int) i : -1;
        } catch (Throwable t) {
            throw new IllegalStateException("strstr failed to run", t);
        }
    }

    /** Whether {@code text[0, length)}, followed by a NUL, holds no NUL of its own. */
    public static boolean nulFree(MemorySegment text, int length) {
        try {
            return (long) Linked.STRLEN.invokeExact(text) == length;
        } catch (Throwable t) {
            throw new IllegalStateException("strlen failed to run", t);
        }
    }

    private static final class Linked {
        static final MethodHandle STRSTR = link("strstr", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        static final MethodHandle STRLEN = STRSTR == null ? null
                : link("strlen", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

        private static MethodHandle link(String name, FunctionDescriptor descriptor) {
            if (!NativeFiles.available()) {
                return null; // not Linux, or native access is denied
            }
            try {
                Linker linker = Linker.nativeLinker();
                return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), descriptor,
                        Linker.Option.critical(true));
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
