package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /** {@code s} in a buffer with {@code room} bytes after it (filled with 'x'). */
    private static byte[] buffer(String s, int room) {
        byte[] b = bytes(s);
        byte[] buf = Arrays.copyOf(b, b.length + room);
        Arrays.fill(buf, b.length, buf.length, (byte) 'x');
        return buf;
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
    void mayContain_isFalseOnlyWhenTheRangeLacksTheNeedle_andLeavesTheArrayAsItWas() {
        byte[] hay = buffer("abc synchronized def", 4);
        byte[] before = hay.clone();
        NativeText.Needle needle = NativeText.needle(bytes("synchronized"));

        assertThat(NativeText.mayContain(hay, 0, 20, needle)).isTrue();
        assertThat(NativeText.mayContain(hay, 4, 16, needle)).as("exactly the needle").isTrue();
        assertThat(NativeText.mayContain(hay, 5, 20, needle)).as("starts before the range").isFalse();
        assertThat(NativeText.mayContain(hay, 0, 15, needle)).as("ends after the range").isFalse();
        assertThat(NativeText.mayContain(hay, 3, 3, needle)).as("empty range").isFalse();
        assertThat(NativeText.mayContain(buffer("Synchronized", 1), 0, 12, needle)).as("case matters").isFalse();
        assertThat(hay).isEqualTo(before);
    }

    @Test
    void mayContain_saysMaybe_withoutRoomAfterTheRange_orForANulInTheText_orInTheNeedle() {
        NativeText.Needle needle = NativeText.needle(bytes("needle"));
        byte[] full = bytes("no such word here");
        assertThat(NativeText.mayContain(full, 0, full.length, needle)).as("no room for the NUL").isTrue();

        byte[] nul = buffer("a\0 needle", 1);
        assertThat(NativeText.mayContain(nul, 0, 9, needle)).as("strstr stops at the text's NUL").isTrue();
        byte[] nulOnly = buffer("a\0 nothing", 1);
        assertThat(NativeText.mayContain(nulOnly, 0, 10, needle)).as("cannot tell past the NUL").isTrue();

        NativeText.Needle withNul = NativeText.needle(new byte[] {'a', 0, 'b'});
        assertThat(NativeText.mayContain(buffer("xyz", 1), 0, 3, withNul)).isTrue();
    }

    @Test
    void mayContain_findsAMatchAcrossTheBorderOfTwoWindows() {
        NativeText.Needle needle = NativeText.needle(bytes("needle"));
        for (int at = 0; at + 6 <= 40; at++) {
            byte[] hay = new byte[41];
            Arrays.fill(hay, (byte) 'x');
            System.arraycopy(bytes("needle"), 0, hay, at, 6);
            for (int window : new int[] {6, 7, 10, 16, 64}) {
                assertThat(NativeText.mayContainAny(hay, 0, 40, new NativeText.Needle[] {needle}, window))
                        .as("needle at %d, window %d", at, window).isTrue();
            }
        }
        byte[] none = buffer("x".repeat(40), 1);
        assertThat(NativeText.mayContainAny(none, 0, 40, new NativeText.Needle[] {needle}, 6)).isFalse();
    }

    @Test
    void mayContain_agreesWithAPlainSearch_onRandomText() {
        Random random = new Random(7);
        byte[] alphabet = bytes("ab\n\u00e9");
        for (int round = 0; round < 2_000; round++) {
            byte[] hay = new byte[1 + random.nextInt(200)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] needle = new byte[1 + random.nextInt(4)];
            for (int i = 0; i < needle.length; i++) {
                needle[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(hay.length);
            int to = from + random.nextInt(hay.length - from); // always a byte after the range
            int window = needle.length + random.nextInt(20);
            byte[] before = hay.clone();
            assertThat(NativeText.mayContainAny(hay, from, to, new NativeText.Needle[] {NativeText.needle(needle)}, window))
                    .as("round %d", round).isEqualTo(naive(hay, from, to, needle));
            assertThat(hay).isEqualTo(before);
        }
    }

    @Test
    void hasNul_findsANulInTheRange_asSafeFilesDoes_andLeavesTheArrayAsItWas() {
        byte[] text = "plain text\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
        for (int at : new int[] {-1, 0, 100, 8191, 8192, 9000}) {
            byte[] buf = Arrays.copyOf(text, text.length + 1);
            if (at >= 0) {
                buf[at] = 0;
            }
            byte[] before = buf.clone();
            int head = Math.min(text.length, SafeFiles.BINARY_SNIFF);
            assertThat(NativeText.hasNul(buf, 0, head)).as("NUL at %d", at)
                    .isEqualTo(SafeFiles.looksBinary(buf, text.length));
            assertThat(NativeText.hasNul(buf, 50, 150)).as("NUL at %d, in [50, 150)", at).isEqualTo(at >= 50 && at < 150);
            byte[] exact = Arrays.copyOf(buf, text.length);
            assertThat(NativeText.hasNul(exact, 0, exact.length)).as("no room after: in Java").isEqualTo(at >= 0);
            assertThat(buf).isEqualTo(before);
        }
    }

    @Test
    void mayContainAny_isTrueWhenAnyNeedleIsThere() {
        NativeText.Needle[] spellings = {NativeText.needle(bytes("hm")), NativeText.needle(bytes("hM")),
            NativeText.needle(bytes("Hm")), NativeText.needle(bytes("HM"))};
        assertThat(NativeText.mayContainAny(buffer("a HashMap here", 1), 0, 14, spellings)).isTrue();
        assertThat(NativeText.mayContainAny(buffer("a hashmap here", 1), 0, 14, spellings)).isTrue();
        assertThat(NativeText.mayContainAny(buffer("a hash map here", 1), 0, 15, spellings)).isFalse();
    }

    @Test
    void needle_mustNotBeEmpty_andTheRangeMustLieInTheArray() {
        assertThatThrownBy(() -> NativeText.needle(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativeText.mayContain(new byte[4], 2, 5, NativeText.needle(bytes("a"))))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
