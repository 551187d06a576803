package dev.whitemagic.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    @Test
    void describe_charsetDecodeError_saysNotUtf8_notInputLength() {
        CharacterCodingException e = null;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(new byte[] {'a', (byte) 0xFF}));
        } catch (CharacterCodingException x) {
            e = x;
        }
        assertThat(e).isNotNull();
        assertThat(SafeFiles.describe(e)).startsWith("not valid UTF-8").doesNotContain("Input length");
    }

    @Test
    void readText_invalidUtf8_namesTheByte() throws Exception {
        Path f = Files.write(dir.resolve("latin1.md"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> SafeFiles.readText(f, 1 << 20)).hasMessage("not valid UTF-8 at byte 3");
    }

    @Test
    void readText_binary_saysBinary() throws Exception {
        Path f = Files.write(dir.resolve("b.bin"), new byte[] {'x', 0, 1, 2});
        assertThatThrownBy(() -> SafeFiles.readText(f, 1 << 20)).hasMessageStartingWith("binary file");
    }

    @Test
    void readText_overTheLimit_saysSoWithoutReadingIt() throws Exception {
        Path f = Files.writeString(dir.resolve("big.txt"), "x".repeat(2 << 20));
        assertThatThrownBy(() -> SafeFiles.readText(f, 1 << 20)).hasMessageStartingWith("larger than the 1 MiB limit");
    }

    @Test
    void readText_utf8WithByteOrderMark_dropsTheMark() throws Exception {
        Path f = Files.write(dir.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
        assertThat(SafeFiles.readText(f, 100)).isEqualTo("hi");
    }
}
