package dev.whitemagic.app.ui.memory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample WhiteMagic memory folder the app ships (the repository's {@code resources/memories},
 * packaged at {@code /samples/memories}): 50 notes in the real format, to try search and
 * consolidation on before there are notes of one's own.
 */
final class SampleNotes {

    static final String ROOT = "/samples/memories/";

    private SampleNotes() {}

    /** The files of the sample folder, relative to it ({@code memory/short_term/….md}), from its index. */
    static List<String> files() throws IOException {
        try (InputStream in = SampleNotes.class.getResourceAsStream(ROOT + "index.txt")) {
            if (in == null) {
                throw new IOException("the sample notes are not in this build");
            }
            List<String> out = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        }
    }

    /**
     * Copies the sample folder into {@code home} (a data directory of its own) unless it is there
     * already: notes changed or added there since are kept. Off the FX thread.
     *
     * @return {@code home}
     */
    static Path extract(Path home) throws IOException {
        for (String rel : files()) {
            Path target = home.resolve(rel).normalize();
            if (!target.startsWith(home) || Files.exists(target)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = SampleNotes.class.getResourceAsStream(ROOT + rel)) {
                if (in == null) {
                    throw new IOException("sample note missing from this build: " + rel);
                }
                Files.copy(in, target);
            }
        }
        return home;
    }
}
