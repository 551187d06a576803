package dev.whitemagic.app.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TableExportTest {

    @TempDir
    Path dir;

    private final TableExport.Snapshot snapshot = new TableExport.Snapshot(List.of("File", "Text"), List.of(
            List.of("/a.txt", "plain"),
            List.of("/b, c.txt", "say \"hi\""),
            List.of("/d.txt", "two\nlines")));

    @Test
    void writeCsv_quotesWhatNeedsQuoting() throws Exception {
        Path file = dir.resolve("out/hits.csv");
        snapshot.writeCsv(file);
        assertThat(Files.readString(file)).isEqualTo(
                "File,Text\r\n/a.txt,plain\r\n\"/b, c.txt\",\"say \"\"hi\"\"\"\r\n/d.txt,\"two\nlines\"\r\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).hasSize(1); // no temporary file left behind
        }
    }

    @Test
    void writeJson_keysRowsByColumnTitle() throws Exception {
        Path file = dir.resolve("hits.json");
        snapshot.writeJson(file);
        JsonNode rows = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.get(1).get("File").asString()).isEqualTo("/b, c.txt");
        assertThat(rows.get(2).get("Text").asString()).isEqualTo("two\nlines");
    }
}
