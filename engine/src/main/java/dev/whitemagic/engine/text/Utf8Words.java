package dev.whitemagic.engine.text;

/** Byte-level helpers shared by the kernels: word characters on UTF-8 bytes. */
final class Utf8Words {

    private Utf8Words() {}

    /** {@code [A-Za-z0-9_]}: the word bytes of the index and similarity tokenizers. */
    static boolean isAsciiWord(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }

    /** Whether the code point ending just before {@code i} is a (Unicode) word character. */
    static boolean wordBefore(byte[] b, int from, int i) {
        if (i <= from) {
            return false;
        }
        int j = i - 1;
        while (j > from && i - j < 4 && (b[j] & 0xC0) == 0x80) {
            j--;
        }
        return GrepPattern.isWordCodePoint(codePointAt(b, j, i));
    }

    /** Whether the code point starting at {@code i} is a (Unicode) word character. */
    static boolean wordAt(byte[] b, int i, int end) {
        return i < end && GrepPattern.isWordCodePoint(codePointAt(b, i, end));
    }

    static int codePointAt(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return c;
        }
        int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (n == 0 || i + n >= end) {
            return 0xFFFD;
        }
        int cp = c & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            int d = b[i + k] & 0xFF;
            if ((d & 0xC0) != 0x80) {
                return 0xFFFD;
            }
            cp = (cp << 6) | (d & 0x3F);
        }
        return cp;
    }
}
