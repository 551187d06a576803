package dev.whitemagic.engine.pipeline.ops;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.whitemagic.engine.files.ConfinedFolder;
import dev.whitemagic.engine.files.FileResult;
import dev.whitemagic.engine.files.FileScanner;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.memory.Memory;
import dev.whitemagic.engine.memory.MemoryDraft;
import dev.whitemagic.engine.memory.MemoryType;
import dev.whitemagic.engine.memory.SearchHit;
import dev.whitemagic.engine.pipeline.Emitter;
import dev.whitemagic.engine.pipeline.StageFunction;
import dev.whitemagic.engine.text.GrepHit;
import dev.whitemagic.engine.text.GrepOptions;
import dev.whitemagic.engine.text.GrepPattern;
import dev.whitemagic.engine.text.MatchOptions;
import dev.whitemagic.engine.text.MultiPattern;
import dev.whitemagic.engine.text.Similarity;
import dev.whitemagic.engine.text.WordIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import static dev.whitemagic.engine.pipeline.ops.Parameter.Kind.BOOLEAN;
import static dev.whitemagic.engine.pipeline.ops.Parameter.Kind.LIST;
import static dev.whitemagic.engine.pipeline.ops.Parameter.Kind.REGEX;
import static dev.whitemagic.engine.pipeline.ops.Parameter.Kind.STRING;

/** The operations every workbench has; see {@link OperationRegistry#builtIn()}. */
final class BuiltinOperations {

    private BuiltinOperations() {
    }

    /** An operation made of its description and a factory. */
    private record Op(String id, String title, String description, String category, DataType input, DataType output,
            List<Parameter> parameters, int defaultWorkers, boolean aggregates,
            BiFunction<Parameters, OperationContext, StageFunction<Object, Object>> factory) implements Operation {

        @Override
        public StageFunction<Object, Object> create(Parameters params, OperationContext context) {
            return factory.apply(params, context);
        }
    }

    static List<Operation> all() {
        return List.of(listFiles(), readFile(), splitLines(), grep(), match(), wordCount(), similarity(), filter(),
                transform(), aggregate(), createMemory(), searchMemories(), writeFile(), sleep());
    }

    // ---- files -------------------------------------------------------------------------

    private static Operation listFiles() {
        return new Op("list-files", "List files",
                "The files under each folder it gets (a file passes as it is), with the scanner's filters.",
                "Files", DataType.PATH, DataType.PATH, List.of(
                        Parameter.optional("glob", STRING, "", "Only paths matching this glob, e.g. **/*.java"),
                        Parameter.optional("extensions", LIST, "", "Only these extensions, e.g. java, md"),
                        Parameter.optional("hidden", BOOLEAN, "false", "Include hidden files"),
                        Parameter.optional("ignore-files", BOOLEAN, "true", "Honour .gitignore and .ignore"),
                        Parameter.integer("max-depth", 64, 0, 1024, "How deep to walk")),
                1, false, (p, ctx) -> {
                    FileScanner scanner = FileScanner.defaults().withHidden(p.bool("hidden"))
                            .withIgnoreFiles(p.bool("ignore-files")).withExtensions(p.list("extensions"))
                            .withMaxDepth((int) p.integer("max-depth"));
                    if (p.has("glob")) {
                        scanner = scanner.withGlobs(List.of(p.string("glob")));
                    }
                    FileScanner s = scanner;
                    return (item, out) -> {
                        Path root = asPath(item);
                        if (!Files.isDirectory(root)) {
                            out.emit(root);
                            return;
                        }
                        var scan = s.scan(root);
                        scan.files().forEach(out::emit);
                        if (scan.files().isEmpty() && !scan.problems().isEmpty()) {
                            throw new IOException(scan.problems().getFirst().message());
                        }
                    };
                });
    }

    private static Operation readFile() {
        return new Op("read-file", "Read file", "The text of each file; binary files are passed over.",
                "Files", DataType.PATH, DataType.FILE_TEXT, List.of(
                        Parameter.integer("max-size", ParallelFileReader.DEFAULT_MAX_SIZE, 0,
                                ParallelFileReader.MAX_SIZE_LIMIT, "Larger files are an error (bytes)")),
                8, false, (p, ctx) -> {
                    ParallelFileReader reader = new ParallelFileReader().withMaxSize(p.integer("max-size"));
                    return (item, out) -> {
                        Path path = asPath(item);
                        FileResult r = reader.read(path);
                        switch (r.status()) {
                            case TEXT -> out.emit(new FileText(path, r.content()));
                            case BINARY -> {
                                // like grep: binary files have no lines to work on
                            }
                            default -> throw new IOException(r.error());
                        }
                    };
                });
    }

    private static Operation writeFile() {
        return new Op("write-file", "Write file",
                "Writes each file's text in the run's output folder (never outside it); lines and strings are appended to one file.",
                "Files", DataType.TEXT, DataType.PATH, List.of(
                        Parameter.optional("folder", STRING, "", "A folder inside the run's output folder (empty: the output folder itself)"),
                        Parameter.optional("name", STRING, "{file}", "File name; {file} is the source file's name"),
                        Parameter.optional("overwrite", BOOLEAN, "false", "Replace files that exist")),
                4, false, (p, ctx) -> {
                    // refused before the run starts: the runtime check (links) is the output folder's
                    String folder = p.string("folder").strip();
                    ConfinedFolder.problem(folder).ifPresent(why -> {
                        throw new IllegalArgumentException("folder: " + why);
                    });
                    String name = p.string("name").isBlank() ? "{file}" : p.string("name");
                    ConfinedFolder.problem(name.replace("{file}", "x")).ifPresent(why -> {
                        throw new IllegalArgumentException("name: " + why);
                    });
                    String prefix = folder.isEmpty() || folder.equals(".") ? "" : folder + "/";
                    boolean overwrite = p.bool("overwrite");
                    Object appendLock = new Object();
                    Set<Path> started = new HashSet<>();
                    return new StageFunction<>() {
                        @Override
                        public void apply(Object item, Emitter<? super Object> out) throws Exception {
                            ConfinedFolder output = ctx.output();
                            Path source = sourceOf(item);
                            Path sourceName = source == null ? null : source.getFileName();
                            String file = prefix + name.replace("{file}", sourceName == null ? "output.txt" : sourceName.toString());
                            if (item instanceof FileText ft) {
                                out.emit(output.write(file, ft.text(), overwrite));
                                return;
                            }
                            synchronized (appendLock) {
                                // a run's first line replaces (overwrite off: refuses) a file from before the run
                                Path target = output.resolve(file);
                                if (started.contains(target)) {
                                    out.emit(output.append(file, textOf(item) + "\n"));
                                } else {
                                    out.emit(output.write(file, textOf(item) + "\n", overwrite));
                                    started.add(target);
                                }
                            }
                        }

                        @Override
                        public void finish(Emitter<? super Object> out) {
                            synchronized (appendLock) {
                                started.clear(); // the next run starts afresh
                            }
                        }
                    };
                });
    }

    // ---- text --------------------------------------------------------------------------

    private static Operation splitLines() {
        return new Op("split-lines", "Split into lines", "Each line of the text, numbered from 1.", "Text",
                DataType.TEXT, DataType.LINE, List.of(
                        Parameter.optional("skip-blank", BOOLEAN, "false", "Leave out empty lines")),
                4, false, (p, ctx) -> {
                    boolean skipBlank = p.bool("skip-blank");
                    return (item, out) -> {
                        Path source = sourceOf(item);
                        long n = 0;
                        for (String line : (Iterable<String>) textOf(item).lines()::iterator) {
                            n++;
                            if (!skipBlank || !line.isBlank()) {
                                out.emit(new Line(source, n, line));
                            }
                        }
                    };
                });
    }

    private static Operation grep() {
        return new Op("grep", "Grep", "The lines that match a pattern (RE2 regex, or a literal with fixed).", "Text",
                DataType.TEXT, DataType.LINE, List.of(
                        Parameter.required("pattern", REGEX, "What to look for"),
                        Parameter.optional("fixed", BOOLEAN, "false", "The pattern is a literal string"),
                        Parameter.optional("ignore-case", BOOLEAN, "false", "Case-insensitive"),
                        Parameter.optional("word", BOOLEAN, "false", "Whole words only")),
                4, false, (p, ctx) -> {
                    GrepPattern pattern = GrepPattern.compile(p.string("pattern"), GrepOptions.defaults()
                            .withFixedStrings(p.bool("fixed")).withIgnoreCase(p.bool("ignore-case")).withWordRegexp(p.bool("word")));
                    if (!pattern.isValid()) {
                        throw new IllegalArgumentException("pattern: " + pattern.error().orElse("invalid"));
                    }
                    return (item, out) -> {
                        if (item instanceof Line line) {
                            if (!pattern.search(line.text()).hits().isEmpty()) {
                                out.emit(line);
                            }
                            return;
                        }
                        Path source = sourceOf(item);
                        for (GrepHit hit : pattern.search(textOf(item)).hits()) {
                            out.emit(new Line(source, hit.line(), hit.text()));
                        }
                    };
                });
    }

    private static Operation match() {
        return new Op("match", "Match patterns", "How often each of many literal patterns occurs (Aho-Corasick).", "Text",
                DataType.TEXT, DataType.COUNTS, List.of(
                        Parameter.required("patterns", LIST, "The literal patterns"),
                        Parameter.optional("ignore-case", BOOLEAN, "false", "Case-insensitive")),
                4, false, (p, ctx) -> {
                    List<String> patterns = p.list("patterns");
                    if (patterns.isEmpty()) {
                        throw new IllegalArgumentException("patterns: give at least one pattern");
                    }
                    MultiPattern mp = MultiPattern.compile(patterns, new MatchOptions(p.bool("ignore-case"), false));
                    return (item, out) -> {
                        long[] counts = mp.count(textOf(item));
                        Map<String, Long> m = new LinkedHashMap<>();
                        for (int i = 0; i < patterns.size(); i++) {
                            m.put(patterns.get(i), counts[i]);
                        }
                        out.emit(new Counts(sourceName(item), m));
                    };
                });
    }

    private static Operation wordCount() {
        return new Op("word-count", "Word count", "How often each word occurs (lower-cased identifiers).", "Text",
                DataType.TEXT, DataType.COUNTS, List.of(
                        Parameter.integer("min-length", 1, 1, 1000, "Leave out shorter words")),
                4, false, (p, ctx) -> {
                    long min = p.integer("min-length");
                    return (item, out) -> {
                        Map<String, Long> counts = WordIndex.count(textOf(item));
                        if (min > 1) {
                            counts.keySet().removeIf(w -> w.length() < min);
                        }
                        out.emit(new Counts(sourceName(item), counts));
                    };
                });
    }

    private static Operation similarity() {
        return new Op("similarity", "Similarity", "How close each text is to a reference (Jaccard and cosine of words).",
                "Text", DataType.TEXT, DataType.SCORE, List.of(
                        Parameter.required("reference", STRING, "The text to compare with"),
                        Parameter.optional("min-jaccard", STRING, "0", "Leave out texts below this Jaccard score (0 to 1)")),
                4, false, (p, ctx) -> {
                    Map<String, Long> ref = WordIndex.count(p.string("reference"));
                    double min = parseDouble(p.string("min-jaccard"));
                    if (!(min >= 0 && min <= 1)) {
                        throw new IllegalArgumentException("min-jaccard: expected a number from 0 to 1, got '" + p.string("min-jaccard") + "'");
                    }
                    return (item, out) -> {
                        Map<String, Long> doc = WordIndex.count(textOf(item));
                        double jaccard = Similarity.jaccard(ref.keySet(), doc.keySet());
                        if (jaccard >= min) {
                            out.emit(new Score(sourceOf(item), jaccard, cosine(ref, doc)));
                        }
                    };
                });
    }

    private static Operation filter() {
        return new Op("filter", "Filter", "Keeps the items that pass every condition given (regex on the text, size, extension).",
                "Flow", DataType.ANY, DataType.SAME, List.of(
                        Parameter.optional("regex", REGEX, "", "The text (or path) must contain a match"),
                        Parameter.optional("extensions", LIST, "", "The file must have one of these extensions"),
                        Parameter.integer("min-size", 0, 0, Long.MAX_VALUE, "Files at least this many bytes"),
                        Parameter.integer("max-size", Long.MAX_VALUE, 0, Long.MAX_VALUE, "Files at most this many bytes"),
                        Parameter.optional("invert", BOOLEAN, "false", "Keep the items that fail instead")),
                4, false, (p, ctx) -> {
                    Pattern regex = p.has("regex") ? compile(p.string("regex"), "regex") : null;
                    List<String> exts = p.list("extensions").stream()
                            .map(e -> e.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")).toList();
                    long minSize = p.integer("min-size");
                    long maxSize = p.integer("max-size");
                    boolean invert = p.bool("invert");
                    return (item, out) -> {
                        boolean pass = true;
                        if (regex != null) {
                            pass = regex.matcher(item instanceof Path path ? path.toString() : textOf(item)).find();
                        }
                        Path source = sourceOf(item);
                        if (pass && !exts.isEmpty()) {
                            String n = source == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
                            int dot = n.lastIndexOf('.');
                            pass = dot >= 0 && exts.contains(n.substring(dot + 1));
                        }
                        if (pass && (minSize > 0 || maxSize < Long.MAX_VALUE)) {
                            long size = item instanceof FileText ft ? ft.text().length()
                                    : source != null ? Files.size(source) : textOf(item).length();
                            pass = size >= minSize && size <= maxSize;
                        }
                        if (pass != invert) {
                            out.emit(item);
                        }
                    };
                });
    }

    private static Operation transform() {
        return new Op("transform", "Transform", "Changes the text: case, trim, regex replace ($1 for groups).", "Text",
                DataType.TEXT, DataType.SAME, List.of(
                        Parameter.choice("case", "Upper or lower case", "keep", "upper", "lower"),
                        Parameter.optional("trim", BOOLEAN, "false", "Strip spaces at both ends (of each line)"),
                        Parameter.optional("find", REGEX, "", "Replace what matches this"),
                        Parameter.optional("replace", STRING, "", "With this")),
                4, false, (p, ctx) -> {
                    String mode = p.string("case");
                    if (!List.of("keep", "upper", "lower").contains(mode)) {
                        throw new IllegalArgumentException("case: expected keep, upper or lower, got '" + mode + "'");
                    }
                    boolean trim = p.bool("trim");
                    Pattern find = p.has("find") ? compile(p.string("find"), "find") : null;
                    String replace = p.string("replace");
                    return (item, out) -> {
                        String t = textOf(item);
                        if (find != null) {
                            Matcher m = find.matcher(t);
                            t = m.replaceAll(replace);
                        }
                        if (trim) {
                            t = item instanceof FileText ? String.join("\n", t.lines().map(String::strip).toList()) : t.strip();
                        }
                        t = switch (mode) {
                            case "upper" -> t.toUpperCase(Locale.ROOT);
                            case "lower" -> t.toLowerCase(Locale.ROOT);
                            default -> t;
                        };
                        out.emit(withText(item, t));
                    };
                });
    }

    private static Operation aggregate() {
        return new Op("aggregate", "Aggregate",
                "At the end: count the items, merge counts, or keep the top N of the merged counts.", "Flow",
                DataType.ANY, DataType.COUNTS, List.of(
                        Parameter.choice("mode", "What to compute", "top", "merge", "count"),
                        Parameter.integer("top", 20, 1, 1_000_000, "How many to keep in top mode")),
                2, true, (p, ctx) -> {
                    String mode = p.string("mode");
                    if (!List.of("top", "merge", "count").contains(mode)) {
                        throw new IllegalArgumentException("mode: expected top, merge or count, got '" + mode + "'");
                    }
                    long top = p.integer("top");
                    if (top < 1) {
                        throw new IllegalArgumentException("top: must be 1 or more, got " + top);
                    }
                    return StageFunction.aggregate(() -> new HashMap<String, Long>(), (Map<String, Long> acc, Object item) -> {
                        if (mode.equals("count")) {
                            acc.merge("items", 1L, Long::sum);
                        } else if (item instanceof Counts c) {
                            c.counts().forEach((k, v) -> acc.merge(k, v, Long::sum));
                        } else {
                            acc.merge(textOf(item), 1L, Long::sum);
                        }
                    }, (into, from) -> from.forEach((k, v) -> into.merge(k, v, Long::sum)), acc -> {
                        if (mode.equals("count")) {
                            return new Counts("all", Map.of("items", acc.getOrDefault("items", 0L)));
                        }
                        List<Map.Entry<String, Long>> entries = new ArrayList<>(acc.entrySet());
                        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()));
                        Map<String, Long> sorted = new LinkedHashMap<>();
                        for (Map.Entry<String, Long> e : entries) {
                            if (mode.equals("top") && sorted.size() >= top) {
                                break;
                            }
                            sorted.put(e.getKey(), e.getValue());
                        }
                        return new Counts("all", sorted);
                    });
                });
    }

    private static Operation sleep() {
        return new Op("sleep", "Sleep", "Waits, then passes the item on (simulated latency).", "Flow", DataType.ANY,
                DataType.SAME, List.of(Parameter.integer("millis", 10, 0, 60_000, "How long to wait per item")),
                16, false, (p, ctx) -> {
                    long millis = p.integer("millis");
                    if (millis < 0) {
                        throw new IllegalArgumentException("millis: must be 0 or more, got " + millis);
                    }
                    return (item, out) -> {
                        Thread.sleep(millis);
                        out.emit(item);
                    };
                });
    }

    // ---- memory ------------------------------------------------------------------------

    private static Operation createMemory() {
        return new Op("create-memory", "Create memory", "Stores each text as a memory.", "Memory", DataType.TEXT,
                DataType.MEMORY, List.of(
                        Parameter.optional("title", STRING, "{file}", "The title; {file} is the file name, {line} the line number"),
                        Parameter.optional("tags", LIST, "", "Tags for every memory"),
                        Parameter.choice("type", "Where it goes", "short_term", "long_term")),
                2, false, (p, ctx) -> {
                    String title = p.string("title");
                    List<String> tags = p.list("tags");
                    MemoryType type = p.string("type").equals("long_term") ? MemoryType.LONG_TERM : MemoryType.SHORT_TERM;
                    return (item, out) -> {
                        Path source = sourceOf(item);
                        String t = title.replace("{file}", source == null ? "note" : source.getFileName().toString())
                                .replace("{line}", item instanceof Line l ? String.valueOf(l.number()) : "");
                        out.emit(ctx.memory().create(new MemoryDraft(t.isBlank() ? "note" : t, textOf(item), tags, type, Map.of())));
                    };
                });
    }

    private static Operation searchMemories() {
        return new Op("search-memories", "Search memories", "Searches the memory store with each text as the query.",
                "Memory", DataType.TEXT, DataType.HIT, List.of(
                        Parameter.integer("limit", 10, 1, 10_000, "Hits per query")),
                4, false, (p, ctx) -> {
                    int limit = (int) p.integer("limit");
                    if (limit < 1) {
                        throw new IllegalArgumentException("limit: must be 1 or more, got " + limit);
                    }
                    return (item, out) -> ctx.memory().search(textOf(item), null, List.of(), false, limit).forEach(out::emit);
                });
    }

    // ---- helpers -----------------------------------------------------------------------

    /** The number, or NaN when it is none. */
    private static double parseDouble(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Pattern compile(String regex, String name) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    static Path asPath(Object item) {
        return switch (item) {
            case Path p -> p;
            case FileText ft -> ft.path();
            case Line l when l.path() != null -> l.path();
            default -> Path.of(textOf(item).strip());
        };
    }

    static Path sourceOf(Object item) {
        return switch (item) {
            case Path p -> p;
            case FileText ft -> ft.path();
            case Line l -> l.path();
            case Score s -> s.path();
            default -> null;
        };
    }

    private static String sourceName(Object item) {
        Path p = sourceOf(item);
        return p == null ? textOf(item) : p.toString();
    }

    static String textOf(Object item) {
        return switch (item) {
            case FileText ft -> ft.text();
            case Line l -> l.text();
            case String s -> s;
            case Memory m -> m.content();
            case SearchHit h -> h.title();
            default -> String.valueOf(item);
        };
    }

    private static Object withText(Object item, String text) {
        return switch (item) {
            case FileText ft -> new FileText(ft.path(), text);
            case Line l -> new Line(l.path(), l.number(), text);
            default -> text;
        };
    }

    private static double cosine(Map<String, Long> a, Map<String, Long> b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (Map.Entry<String, Long> e : a.entrySet()) {
            long x = e.getValue();
            na += (double) x * x;
            Long y = b.get(e.getKey());
            if (y != null) {
                dot += (double) x * y;
            }
        }
        for (long y : b.values()) {
            nb += (double) y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
