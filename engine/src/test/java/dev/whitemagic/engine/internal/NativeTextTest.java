package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeTextTest {

    @BeforeEach
    void onLinux() {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "the C library path is for Linux");
        assertThat(NativeText.available()).as("linked on Linux with native access enabled").isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The plain answer: does hay[from, to) hold needle. */
    private static boolean naive(byte[] hay, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void contains_findsTheNeedleOnlyInsideTheRange() {
        byte[] hay = bytes("abc synchronized def");
        byte[] needle = bytes("synchronized");

        assertThat(NativeText.contains(hay, 0, hay.length, needle)).isTrue();
        assertThat(NativeText.contains(hay, 4, 16, needle)).as("exactly the needle").isTrue();
        assertThat(NativeText.contains(hay, 5, hay.length, needle)).as("starts before the range").isFalse();
        assertThat(NativeText.contains(hay, 0, 15, needle)).as("ends after the range").isFalse();
        assertThat(NativeText.contains(hay, 3, 3, needle)).as("empty range").isFalse();
        assertThat(NativeText.contains(bytes("Synchronized"), 0, 12, needle)).as("case matters").isFalse();
    }

    @Test
    void contains_findsAMatchAcrossTheBorderOfTwoWindows() {
        byte[] needle = bytes("needle");
        for (int at = 0; at + needle.length <= 40; at++) {
            byte[] hay = new byte[40];
            java.util.Arrays.fill(hay, (byte) 'x');
            System.arraycopy(needle, 0, hay, at, needle.length);
            for (int window : new int[] {6, 7, 10, 16, 64}) {
                assertThat(NativeText.contains(hay, 0, hay.length, needle, window))
                        .as("needle at %d, window %d", at, window).isTrue();
            }
        }
        byte[] none = new byte[40];
        assertThat(NativeText.contains(none, 0, none.length, needle, 6)).isFalse();
    }

    @Test
    void contains_agreesWithAPlainSearch_onRandomText() {
        Random random = new Random(7);
        byte[] alphabet = bytes("ab\n\u00e9");
        for (int round = 0; round < 2_000; round++) {
            byte[] hay = new byte[random.nextInt(200)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] needle = new byte[1 + random.nextInt(4)];
            for (int i = 0; i < needle.length; i++) {
                needle[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = hay.length == 0 ? 0 : random.nextInt(hay.length);
            int to = from + random.nextInt(hay.length - from + 1);
            int window = needle.length + random.nextInt(20);
            assertThat(NativeText.contains(hay, from, to, needle, window))
                    .as("round %d", round).isEqualTo(naive(hay, from, to, needle));
        }
    }

    @Test
    void contains_rejectsAnEmptyNeedleAndARangeOutsideTheArray() {
        assertThatThrownBy(() -> NativeText.contains(new byte[4], 0, 4, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativeText.contains(new byte[4], 2, 5, bytes("a")))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
