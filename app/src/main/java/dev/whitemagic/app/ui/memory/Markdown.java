package dev.whitemagic.app.ui.memory;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.Text;

/**
 * Just enough markdown for a note's preview: headings, bullet lists, code blocks, inline code,
 * bold and italics. Anything else shows as written.
 */
final class Markdown {

    private Markdown() {}

    static List<Node> render(String markdown) {
        List<Node> out = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                out.add(styled(line + "\n", "md-code"));
                continue;
            }
            int level = 0;
            while (level < line.length() && level < 6 && line.charAt(level) == '#') {
                level++;
            }
            if (level > 0 && level < line.length() && line.charAt(level) == ' ') {
                out.add(styled(line.substring(level + 1) + "\n", "md-h" + Math.min(level, 3)));
                continue;
            }
            String text = line;
            if (text.matches("\\s*[-*+] .*")) {
                text = text.replaceFirst("[-*+] ", "• ");
            }
            inline(text, out);
            out.add(new Text("\n"));
        }
        return out;
    }

    /** `code`, **bold** and *italic* inside a line. */
    private static void inline(String line, List<Node> out) {
        int at = 0;
        StringBuilder plain = new StringBuilder();
        while (at < line.length()) {
            String rest = line.substring(at);
            String[][] marks = {{"`", "md-inline-code"}, {"**", "md-bold"}, {"*", "md-italic"}, {"_", "md-italic"}};
            boolean matched = false;
            for (String[] m : marks) {
                if (rest.startsWith(m[0])) {
                    int end = line.indexOf(m[0], at + m[0].length());
                    if (end > at + m[0].length()) {
                        if (!plain.isEmpty()) {
                            out.add(new Text(plain.toString()));
                            plain.setLength(0);
                        }
                        out.add(styled(line.substring(at + m[0].length(), end), m[1]));
                        at = end + m[0].length();
                        matched = true;
                        break;
                    }
                }
            }
            if (!matched) {
                plain.append(line.charAt(at));
                at++;
            }
        }
        if (!plain.isEmpty()) {
            out.add(new Text(plain.toString()));
        }
    }

    private static Text styled(String text, String style) {
        Text t = new Text(text);
        t.getStyleClass().add(style);
        return t;
    }
}
