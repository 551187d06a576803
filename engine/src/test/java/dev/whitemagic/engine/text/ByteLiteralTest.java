package dev.whitemagic.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteLiteralTest {

    private static final byte[] ALPHABET = "aAbBzZ\n @`{[\u00e9".getBytes(StandardCharsets.UTF_8);

    /** A random needle; ASCII only when folded (as -i literals are). */
    private static byte[] needle(Random random, int length, boolean folded) {
        byte[] needle = randomBytes(random, length);
        return !folded ? needle : new String(needle, StandardCharsets.ISO_8859_1).replaceAll("[^\\x00-\\x7f]", "a")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void indexOfAgreesWithANaiveSearchEverywhere() {
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            byte[] text = randomBytes(random, random.nextInt(70));
            boolean folded = random.nextBoolean();
            byte[] needle = needle(random, random.nextInt(6), folded);
            ByteLiteral literal = new ByteLiteral(needle, folded);
            for (int from = 0; from <= text.length; from++) {
                for (int to = from; to <= text.length; to++) {
                    assertThat(literal.indexOf(text, from, to))
                            .as("%s in %s [%d, %d) folded %s", new String(needle, StandardCharsets.ISO_8859_1),
                                    new String(text, StandardCharsets.ISO_8859_1), from, to, folded)
                            .isEqualTo(naive(text, needle, from, to, folded));
                }
            }
        }
    }

    @Test
    void indexOfAgreesWithANaiveSearch_inLongerTexts_fromEveryStart() {
        // long enough for the 16-byte steps, their 8-byte tail and the scalar tail
        Random random = new Random(1234);
        for (int round = 0; round < 300; round++) {
            byte[] text = randomBytes(random, 20 + random.nextInt(300));
            boolean folded = random.nextBoolean();
            byte[] needle = needle(random, 1 + random.nextInt(4), folded);
            ByteLiteral literal = new ByteLiteral(needle, folded);
            for (int from = 0; from <= text.length; from++) {
                assertThat(literal.indexOf(text, from, text.length))
                        .as("%s in %s from %d folded %s", new String(needle, StandardCharsets.ISO_8859_1),
                                new String(text, StandardCharsets.ISO_8859_1), from, folded)
                        .isEqualTo(naive(text, needle, from, text.length, folded));
            }
        }
    }

    @Test
    void findsALiteralPastTheSwarBlocksAndAtTheEnd() {
        byte[] text = ("x".repeat(1000) + "synchronized").getBytes(StandardCharsets.US_ASCII);
        assertThat(new ByteLiteral("synchronized".getBytes(StandardCharsets.US_ASCII), false)
                .indexOf(text, 0, text.length)).isEqualTo(1000);
        assertThat(new ByteLiteral("SYNCHRONIZED".getBytes(StandardCharsets.US_ASCII), true)
                .indexOf(text, 0, text.length)).isEqualTo(1000);
        assertThat(new ByteLiteral("synchronized".getBytes(StandardCharsets.US_ASCII), false)
                .indexOf(text, 0, text.length - 1)).isEqualTo(-1);
    }

    @Test
    void newlineHelpersAgreeWithLoops() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] text = randomBytes(random, random.nextInt(50));
            for (int from = 0; from <= text.length; from++) {
                for (int to = from; to <= text.length; to++) {
                    int count = 0;
                    int first = -1;
                    for (int i = from; i < to; i++) {
                        if (text[i] == '\n') {
                            count++;
                            first = first < 0 ? i : first;
                        }
                    }
                    assertThat(ByteLiteral.countNewlines(text, from, to)).isEqualTo(count);
                    assertThat(ByteLiteral.indexOfNewline(text, from, to)).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void binarySniffAgreesWithSafeFiles() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            byte[] b = new byte[random.nextInt(9000)];
            java.util.Arrays.fill(b, (byte) 'x');
            if (b.length > 0 && random.nextBoolean()) {
                b[random.nextInt(b.length)] = 0;
            }
            int len = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            assertThat(ByteLiteral.looksBinary(b, len))
                    .isEqualTo(dev.whitemagic.engine.internal.SafeFiles.looksBinary(b, len));
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return b;
    }

    private static int naive(byte[] text, byte[] needle, int from, int to, boolean folded) {
        for (int s = from; s + needle.length <= to; s++) {
            boolean ok = true;
            for (int j = 0; j < needle.length && ok; j++) {
                byte a = text[s + j];
                byte b = needle[j];
                ok = folded ? lower(a) == lower(b) : a == b;
            }
            if (ok) {
                return s;
            }
        }
        return -1;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }
}
