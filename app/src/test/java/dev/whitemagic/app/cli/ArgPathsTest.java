package dev.whitemagic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArgPathsTest {

    @TempDir
    Path dir;

    /** A file whose name holds a byte that is not UTF-8 (the JDK cannot name one: made by bash). */
    private byte[] fileNamedInBytes() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "cd \"$1\" && mkdir $'d\\xfe' && printf hi > $'d\\xfe/a\\xffb.txt'",
                "bash", dir.toString()).start();
        assumeTrue(p.waitFor() == 0, "needs bash");
        byte[] prefix = (dir + "/d").getBytes(StandardCharsets.UTF_8);
        byte[] raw = new byte[prefix.length + 8];
        System.arraycopy(prefix, 0, raw, 0, prefix.length);
        System.arraycopy(new byte[] {(byte) 0xFE, '/', 'a', (byte) 0xFF, 'b', '.', 't', 'x'}, 0, raw, prefix.length, 8);
        byte[] all = java.util.Arrays.copyOf(raw, raw.length + 1);
        all[raw.length] = 't';
        return all;
    }

    @Test
    void argumentNotUtf8_isFoundByItsBytes_notAsNoSuchFile() throws Exception {
        byte[] raw = fileNamedInBytes();
        String decoded = new String(raw, StandardCharsets.UTF_8); // as Java hands the argument over
        assertThat(Files.exists(Path.of(decoded))).isFalse();     // the old way: "no such file"
        Path found = ArgPaths.fromBytes(raw);
        assertThat(found).isNotNull();
        assertThat(Files.readString(found)).isEqualTo("hi");
        assertThat(found.toString()).isEqualTo(decoded);
    }

    @Test
    void match_findsTheArgumentsAtTheEndOfTheCommandLine_andOptionValues() {
        byte[] name = {'x', (byte) 0xFF};
        String text = new String(name, StandardCharsets.UTF_8);
        byte[] cmdline = ("java\0-cp\0a.jar\0Main\0grep\0" + "needle\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[cmdline.length + 2 + 1 + 7 + 2 + 1];
        int at = 0;
        System.arraycopy(cmdline, 0, all, at, cmdline.length);
        at += cmdline.length;
        System.arraycopy(name, 0, all, at, 2);
        at += 2;
        all[at++] = 0;
        byte[] opt = "--to=".getBytes(StandardCharsets.UTF_8);
        all = java.util.Arrays.copyOf(all, at + opt.length + 2 + 1);
        System.arraycopy(opt, 0, all, at, opt.length);
        at += opt.length;
        System.arraycopy(name, 0, all, at, 2);
        Map<String, byte[]> raw = ArgPaths.match(new String[] {"grep", "needle", text, "--to=" + text}, all);
        assertThat(raw.get(text)).isEqualTo(name);
        assertThat(raw.get("--to=" + text)).hasSize(7);
        assertThat(ArgPaths.match(new String[] {"other", "args"}, all)).isEmpty();
    }
}
