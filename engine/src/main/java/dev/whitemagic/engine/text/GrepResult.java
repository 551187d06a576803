package dev.whitemagic.engine.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The grep outcome for one file: its hits (empty with {@code countOnly}), the number of
 * matching lines, whether it was skipped as binary, and an error message if it could not be
 * searched (missing, a directory, a FIFO, permission denied, invalid pattern, …).
 *
 * <pre>{@code
 * GrepResult r = results.get(0);
 * if (r.error().isPresent())      System.err.println(r.path() + ": " + r.error().get());
 * else if (!r.binary())           r.lines().forEach(System.out::println);   // path:line:text
 * }</pre>
 *
 * @param path          the file
 * @param hits          matching lines with context, in file order
 * @param matchingLines matching lines counted (all of them, also when hits are not kept)
 * @param binary        skipped: a NUL byte in the first 8 KiB, as ripgrep does by default
 * @param bytes         bytes of the file
 * @param errorMessage  why the file could not be searched, or {@code null}
 */
public record GrepResult(Path path, List<GrepHit> hits, long matchingLines, boolean binary, long bytes,
        String errorMessage) {

    public GrepResult {
        hits = List.copyOf(hits);
    }

    static GrepResult failed(Path path, String message) {
        return new GrepResult(path, List.of(), 0, false, 0, message);
    }

    /** The error, if the file could not be searched. */
    public Optional<String> error() {
        return Optional.ofNullable(errorMessage);
    }

    /** Whether the file has at least one matching line. */
    public boolean matched() {
        return matchingLines > 0;
    }

    /**
     * The hits in ripgrep's format: {@code path:line:text} for hits, {@code path-line-text} for
     * context lines and {@code --} between non-adjacent groups (with context only).
     */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        long last = -1;
        for (GrepHit hit : hits) {
            long first = hit.before().isEmpty() ? hit.line() : hit.before().getFirst().line();
            if (last >= 0 && first > last + 1 && (!hit.before().isEmpty() || hasContext())) {
                out.add("--");
            }
            for (GrepHit.ContextLine c : hit.before()) {
                out.add(path + "-" + c.line() + "-" + c.text());
            }
            out.add(hit.format(path));
            for (GrepHit.ContextLine c : hit.after()) {
                out.add(path + "-" + c.line() + "-" + c.text());
            }
            last = hit.after().isEmpty() ? hit.line() : hit.after().getLast().line();
        }
        return out;
    }

    private boolean hasContext() {
        return hits.stream().anyMatch(h -> !h.before().isEmpty() || !h.after().isEmpty());
    }

    /** ripgrep's {@code -c} format: {@code path:count}. */
    public String countLine() {
        return path + ":" + matchingLines;
    }
}
