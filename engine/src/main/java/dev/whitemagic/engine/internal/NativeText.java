package dev.whitemagic.engine.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/**
 * Whether a byte array holds a byte string, by the C library's {@code memmem} (vectorised code:
 * about 12 GB/s over the JDK's sources here, where the grep kernel's own loop gets about 5 in the
 * quick JIT code a short command runs with). The arrays are handed to C where they lie, by a
 * critical call: no copy, but the garbage collector waits for the call, so one call searches at
 * most {@link #WINDOW} bytes (a fraction of a millisecond).
 *
 * <p>{@link #available()} is false where {@link NativeFiles} is (off Linux, native access denied);
 * callers then search in Java.
 */
public final class NativeText {

    /** Bytes searched per call at most. */
    static final int WINDOW = 1 << 20;

    private NativeText() {}

    /** Whether {@link #contains} can be called. */
    public static boolean available() {
        return Linked.MEMMEM != null;
    }

    /**
     * Whether {@code hay[from, to)} contains {@code needle} (not empty).
     *
     * @throws UnsupportedOperationException when not {@link #available()}
     */
    public static boolean contains(byte[] hay, int from, int to, byte[] needle) {
        return contains(hay, from, to, needle, WINDOW);
    }

    /** As {@link #contains(byte[], int, int, byte[])}, {@code window} bytes per call (tests use small ones). */
    static boolean contains(byte[] hay, int from, int to, byte[] needle, int window) {
        Objects.checkFromToIndex(from, to, hay.length);
        int n = needle.length;
        if (n == 0 || window < n) {
            throw new IllegalArgumentException("empty needle or window shorter than the needle");
        }
        MethodHandle memmem = Linked.MEMMEM;
        if (memmem == null) {
            throw new UnsupportedOperationException("native text search is not available");
        }
        MemorySegment all = MemorySegment.ofArray(hay);
        MemorySegment pattern = MemorySegment.ofArray(needle);
        // consecutive windows overlap by n - 1 bytes, so a match across their border is found
        for (int start = from; to - start >= n; start += window - (n - 1)) {
            int end = (int) Math.min(to, (long) start + window);
            try {
                if ((long) memmem.invokeExact(all.asSlice(start), (long) (end - start), pattern, (long) n) != 0) {
                    return true;
                }
            } catch (Throwable t) {
                throw new IllegalStateException("memmem failed to run", t);
            }
            if (end == to) {
                break;
            }
        }
        return false;
    }

    private static final class Linked {
        static final MethodHandle MEMMEM = link();

        private static MethodHandle link() {
            if (!NativeFiles.available()) {
                return null; // not Linux, or native access is denied
            }
            try {
                Linker linker = Linker.nativeLinker();
                ValueLayout l = ValueLayout.JAVA_LONG;
                return linker.downcallHandle(linker.defaultLookup().find("memmem").orElseThrow(),
                        FunctionDescriptor.of(l, ValueLayout.ADDRESS, l, ValueLayout.ADDRESS, l),
                        Linker.Option.critical(true));
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
