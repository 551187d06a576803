package dev.whitemagic.app.files;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.BatchHandle;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import dev.whitemagic.engine.files.ScanResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the Files pane and the file commands ask of the engine, in their own terms (rows). The engine
 * implementation adapts the engine's results; tests can supply their own.
 */
public interface FilesService {

    /** The folder filters shown in the pane. */
    record Filters(String glob, Set<String> extensions, long maxSize, boolean hidden, boolean ignoreFiles) {
        public static final long DEFAULT_MAX_SIZE = 64L << 20;

        public static Filters defaults() {
            return new Filters("", Set.of(), DEFAULT_MAX_SIZE, false, true);
        }
    }

    /** How many workers read: the adaptive choice, a tier, or a number. */
    record Workers(Integer count, ThreadingTier tier) {
        public static final Workers ADAPTIVE = new Workers(null, null);

        public String describe() {
            return count != null ? Format.count(count, "worker") : tier != null ? tier + " · " + Format.count(tier.threads(), "worker")
                    : "adaptive";
        }
    }

    /** Files found in the dropped folders, what could not be walked, and what was passed over. */
    record Expanded(List<Path> files, List<String> problems, ScanResult.Skipped skipped) {
        public Expanded(List<Path> files, List<String> problems) {
            this(files, problems, ScanResult.Skipped.NONE);
        }
    }

    /** One row of the results table. */
    record FileRow(Path path, long size, String status, double millis, String charset, String error, boolean ok) {}

    /** One grep hit, or with {@code context} a line of context around one. */
    record HitRow(Path path, long line, String text, boolean context) {}

    /** The grep result of one file. */
    record GrepFile(Path path, List<HitRow> hits, long count, String error) {}

    /** Counts of each pattern in one file. */
    record MatchFile(Path path, Map<String, Long> counts, String error) {}

    /** A word and how often it occurs. */
    record WordCount(String word, long count) {}

    /** How close one file is to the reference. */
    record SimilarRow(Path path, double jaccard, double cosine) {}

    /** The scan summary of one file. */
    record ScanRow(Path path, long size, long lines, long words, String summary, String error) {}

    /** Grep options, as ripgrep's flags; {@code countOnly} skips collecting the lines (-c). */
    record GrepQuery(String pattern, boolean fixed, boolean ignoreCase, boolean word, int context, boolean countOnly) {
        public GrepQuery(String pattern, boolean fixed, boolean ignoreCase, boolean word, int context) {
            this(pattern, fixed, ignoreCase, word, context, false);
        }
    }

    /** Walks the folders among {@code sources} with the filters; files are kept as they are. Blocking. */
    Expanded expand(List<Path> sources, Filters filters);

    BatchHandle<FileRow> read(List<Path> files, Filters filters, Workers workers);

    /** Why {@code query} cannot run (e.g. an invalid regex, with the place), or null. */
    String checkGrep(GrepQuery query);

    BatchHandle<GrepFile> grep(List<Path> files, GrepQuery query);

    /**
     * Greps {@code sources} as {@link #grep} greps {@link #expand}'s files, but searches each file
     * as soon as the walk finds it, so the search overlaps the walk (files named in
     * {@code sources} first). The results come in walk order: sort them for a deterministic
     * output. Each problem of the walk goes to {@code problems} once the walk is over.
     */
    default BatchHandle<GrepFile> grepAsFound(List<Path> sources, Filters filters, GrepQuery query,
            Consumer<String> problems) {
        return grepAsFound(sources, filters, query, problems, skipped -> { });
    }

    /** As {@link #grepAsFound(List, Filters, GrepQuery, Consumer)}; what the walk passed over goes to {@code skipped} at its end. */
    BatchHandle<GrepFile> grepAsFound(List<Path> sources, Filters filters, GrepQuery query,
            Consumer<String> problems, Consumer<ScanResult.Skipped> skipped);

    BatchHandle<MatchFile> match(List<Path> files, List<String> patterns, boolean ignoreCase);

    /** The most frequent words over {@code files}. Blocking. */
    default List<WordCount> index(List<Path> files, int minLength, int top) {
        return index(files, minLength, top, problem -> { });
    }

    /** As {@link #index(List, int, int)}; each file that could not be read goes to {@code problems} ("path: why"). */
    List<WordCount> index(List<Path> files, int minLength, int top, Consumer<String> problems);

    /** Files ranked by similarity to {@code text}. Blocking. */
    default List<SimilarRow> similar(List<Path> files, String text, int top) {
        return similar(files, text, top, problem -> { });
    }

    /** As {@link #similar(List, String, int)}; each file that could not be read goes to {@code problems}. */
    List<SimilarRow> similar(List<Path> files, String text, int top, Consumer<String> problems);

    /**
     * The text of {@code file} to compare others with: UTF-8 of at most {@code maxSize} bytes.
     *
     * @throws IllegalArgumentException saying why it cannot be ("binary file …", "not valid UTF-8
     *                                  at byte 3", "larger than the 64 MiB limit …")
     */
    String referenceText(Path file, long maxSize);

    BatchHandle<ScanRow> scan(List<Path> files);

    /** The workers the last read used, for the status line ("TIER_3 · 64 workers (adaptive)"). */
    String lastWorkers();
}
