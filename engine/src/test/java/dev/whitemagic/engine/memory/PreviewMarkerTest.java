package dev.whitemagic.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreviewMarkerTest {

    private static final MemoryQueries QUERIES = new MemoryQueries(new EnglishAnalyzer());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "deployment|We talked about deployment and coffee.|We talked about «deployment» and coffee.",
            "deploy|Deploy, deployed.|«Deploy», «deployed».",
            "sess*|The session expired.|The «session» expired.",
            "cooky~|The cookie expired.|The «cookie» expired.",
            "\"database migration\"|Run the database migration.|Run the «database» «migration».",
            "coffee -deployment|deployment and coffee|deployment and «coffee»",
            "title:coffee|deployment and coffee|deployment and coffee",
            "zebra|Nothing matches   here.|Nothing matches here."})
    void preview_marksMatchedWords(String query, String body, String expected) {
        assertThat(QUERIES.previews(QUERIES.parse(query)).preview(body)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void preview_longBody_windowAroundTheMatches() {
        String body = "filler ".repeat(200) + "the wombat sat on the wombat mat " + "filler ".repeat(200);

        String p = QUERIES.previews(QUERIES.parse("wombat")).preview(body);

        assertThat(p).startsWith("…").endsWith("…").contains("the «wombat» sat on the «wombat» mat");
        assertThat(p.length()).isLessThan(MemoryQueries.PREVIEW_CHARS + 60);
    }
}
