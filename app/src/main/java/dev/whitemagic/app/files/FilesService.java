package dev.whitemagic.app.files;

import dev.whitemagic.engine.BatchHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    record Workers(Integer count, dev.whitemagic.engine.adaptive.ThreadingTier tier) {
        public static final Workers ADAPTIVE = new Workers(null, null);

        public String describe() {
            return count != null ? count + " workers" : tier != null ? tier + " · " + tier.threads() + " workers"
                    : "adaptive";
        }
    }

    /** Files found in the dropped folders, and what could not be walked. */
    record Expanded(List<Path> files, List<String> problems) {}

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
    BatchHandle<GrepFile> grepAsFound(List<Path> sources, Filters filters, GrepQuery query,
            java.util.function.Consumer<String> problems);

    BatchHandle<MatchFile> match(List<Path> files, List<String> patterns, boolean ignoreCase);

    /** The most frequent words over {@code files}. Blocking. */
    List<WordCount> index(List<Path> files, int minLength, int top);

    /** Files ranked by similarity to {@code text}. Blocking. */
    List<SimilarRow> similar(List<Path> files, String text, int top);

    BatchHandle<ScanRow> scan(List<Path> files);

    /** The workers the last read used, for the status line ("TIER_3 · 64 workers (adaptive)"). */
    String lastWorkers();
}
