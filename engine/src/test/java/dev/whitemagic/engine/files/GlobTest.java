package dev.whitemagic.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** gitignore rules as a table: ignore file text, entry relative to its folder, folder?, ignored? */
class GlobTest {

    static Stream<Arguments> gitignoreCases() {
        return Stream.of(
                // name patterns match at any depth
                row("*.log", "a.log", false, true),
                row("*.log", "deep/er/a.log", false, true),
                row("*.log", "a.txt", false, false),
                row("*.log", "logs.d", true, false),
                // a leading slash anchors to the ignore file's folder
                row("/a.log", "a.log", false, true),
                row("/a.log", "sub/a.log", false, false),
                // a middle slash anchors too
                row("doc/frotz", "doc/frotz", false, true),
                row("doc/frotz", "x/doc/frotz", false, false),
                // a trailing slash: folders only, at any depth
                row("build/", "build", true, true),
                row("build/", "build", false, false),
                row("build/", "src/build", true, true),
                // ? and sets never match '/'
                row("foo?.txt", "foo1.txt", false, true),
                row("foo?.txt", "foo12.txt", false, false),
                row("[abc].txt", "b.txt", false, true),
                row("[abc].txt", "d.txt", false, false),
                row("[!abc].txt", "d.txt", false, true),
                row("[!abc].txt", "a.txt", false, false),
                row("[^abc].txt", "a.txt", false, false),
                row("[a-c]x", "bx", false, true),
                row("[a-c]x", "dx", false, false),
                row("a[/]b", "a/b", false, false),
                row("[unclosed", "[unclosed", false, true),
                // * stays inside one folder
                row("a/*", "a/b", false, true),
                row("a/*", "a/b/c", false, false),
                row("foo**bar", "fooxbar", false, true),
                row("foo**bar", "foo/x/bar", false, false),
                // ** forms
                row("**/foo", "foo", false, true),
                row("**/foo", "a/b/foo", false, true),
                row("**/foo/bar", "x/foo/bar", false, true),
                row("**/foo/bar", "foo/bar", false, true),
                row("abc/**", "abc/x", false, true),
                row("abc/**", "abc/x/y", false, true),
                row("abc/**", "abc", true, false),
                row("a/**/b", "a/b", false, true),
                row("a/**/b", "a/x/y/b", false, true),
                row("a/**/b", "a/xb", false, false),
                // comments, blanks, escapes
                row("# comment", "# comment", false, false),
                row("", "anything", false, false),
                row("\\#file", "#file", false, true),
                row("\\!important", "!important", false, true),
                row("trailing   ", "trailing", false, true),
                row("trailing\\ ", "trailing ", false, true),
                row("a.txt\r", "a.txt", false, true),
                row("*.c\\[1\\]", "x.c[1]", false, true),
                // negation and last match wins
                row("*.txt\n!keep.txt", "keep.txt", false, false),
                row("*.txt\n!keep.txt", "other.txt", false, true),
                row("*.txt\n!keep.txt\nkeep.txt", "keep.txt", false, true),
                row("!keep.txt", "keep.txt", false, false),
                // regex characters are literal
                row("a+b(c).txt", "a+b(c).txt", false, true),
                row("a.txt", "abtxt", false, false));
    }

    private static Arguments row(String rules, String rel, boolean isDir, boolean ignored) {
        return Arguments.of(rules, rel, isDir, ignored);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" vs {1} (dir={2}) → ignored={3}")
    @MethodSource("gitignoreCases")
    void ignored_followsGitignoreRules(String rules, String rel, boolean isDir, boolean ignored) {
        List<String> bad = new ArrayList<>();
        IgnoreRules r = IgnoreRules.NONE.with("", rules, (line, message) -> bad.add(message));
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        assertThat(r.ignored(rel, name, isDir)).isEqualTo(ignored);
        assertThat(bad).isEmpty();
    }

    @Test
    void ignored_deeperFileOverridesShallower() {
        IgnoreRules root = IgnoreRules.NONE.with("", "*.log", (l, m) -> {});
        IgnoreRules sub = root.with("sub", "!keep.log\n/local.txt", (l, m) -> {});
        assertThat(sub.ignored("sub/keep.log", "keep.log", false)).isFalse();
        assertThat(sub.ignored("sub/other.log", "other.log", false)).isTrue();
        assertThat(sub.ignored("sub/local.txt", "local.txt", false)).isTrue();
        assertThat(sub.ignored("sub/x/local.txt", "local.txt", false)).isFalse();
    }

    @Test
    void of_emptyGlob_isRefusedWithAMessage() {
        assertThatThrownBy(() -> Glob.of(" ")).isInstanceOf(IllegalArgumentException.class).hasMessage("empty glob");
        assertThatThrownBy(() -> Glob.of("/")).hasMessageContaining("matches nothing");
    }

    @Test
    void of_pathGlob_isRelativeToTheRoot() {
        Glob g = Glob.of("src/**/*.md");
        assertThat(g.matches("src/a.md", "a.md", false)).isTrue();
        assertThat(g.matches("src/x/y/a.md", "a.md", false)).isTrue();
        assertThat(g.matches("docs/src/a.md", "a.md", false)).isFalse();
    }
}
