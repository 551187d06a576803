package dev.whitemagic.engine.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated text files with the awkward cases: CRLF, no final newline, empty lines, unicode. */
final class TextFixtures {

    static final String[] WORDS = {"foo", "Foo", "FOO", "foobar", "bar_foo", "bar", "a.b", "axb", "über", "naïve",
        "日本語", "x1", "_under", "tab\there", "o  b", "CamelCase", "synchronized", "Synchronized", "(a)", "end."};

    private TextFixtures() {}

    static String document(long seed, int lines) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int n = r.nextInt(6);
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    sb.append(r.nextInt(5) == 0 ? "" : " ");
                }
                sb.append(WORDS[r.nextInt(WORDS.length)]);
            }
            if (i < lines - 1 || r.nextBoolean()) {
                sb.append(r.nextInt(4) == 0 ? "\r\n" : "\n");
            }
        }
        return sb.toString();
    }

    static List<Path> write(Path dir, int files, int lines) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            Path p = dir.resolve("doc" + i + ".txt");
            Files.writeString(p, document(i * 31L + 7, lines), StandardCharsets.UTF_8);
            out.add(p);
        }
        return out;
    }

    /** Lines as ripgrep sees them: split on \n, a \r stays, a last line without \n counts. */
    static List<String> lines(String content) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length(); i++) {
            if (content.charAt(i) == '\n') {
                out.add(content.substring(start, i));
                start = i + 1;
            }
        }
        if (start < content.length()) {
            out.add(content.substring(start));
        }
        return out;
    }

    /** The 1-based numbers of the lines java.util.regex finds {@code regex} in, line by line. */
    static List<Long> referenceLines(String content, String regex, int flags) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex, flags | java.util.regex.Pattern.UNIX_LINES);
        List<String> lines = lines(content);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                out.add(i + 1L);
            }
        }
        return out;
    }
}
