package dev.whitemagic.app.cli;

import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.files.FileResult;
import dev.whitemagic.engine.files.ParallelFileReader;
import dev.whitemagic.engine.internal.SafeFiles;
import dev.whitemagic.engine.memory.BatchCreateResult;
import dev.whitemagic.engine.memory.ConsolidationGroup;
import dev.whitemagic.engine.memory.ConsolidationPlan;
import dev.whitemagic.engine.memory.ConsolidationStrategy;
import dev.whitemagic.engine.memory.MarkdownImport;
import dev.whitemagic.engine.memory.Memory;
import dev.whitemagic.engine.memory.MemoryConsolidator;
import dev.whitemagic.engine.memory.MemoryDraft;
import dev.whitemagic.engine.memory.MemoryExport;
import dev.whitemagic.engine.memory.MemoryFormat;
import dev.whitemagic.engine.memory.MemorySort;
import dev.whitemagic.engine.memory.MemoryStore;
import dev.whitemagic.engine.memory.MemoryType;
import dev.whitemagic.engine.memory.MultiSearchResult;
import dev.whitemagic.engine.memory.ParallelMemoryManager;
import dev.whitemagic.engine.memory.SearchHit;
import dev.whitemagic.engine.memory.ShortTermConsolidation;
import dev.whitemagic.engine.scheduler.Job;
import dev.whitemagic.engine.scheduler.TaskPriority;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code whitemagic memory …}: the memory store from the command line. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "The store of memories (notes) in the data directory, in WhiteMagic's folder format.",
        subcommands = {MemoryCommand.Add.class, MemoryCommand.Show.class, MemoryCommand.ListCmd.class,
            MemoryCommand.Search.class, MemoryCommand.Import.class, MemoryCommand.Export.class,
            MemoryCommand.Consolidate.class, MemoryCommand.Delete.class, MemoryCommand.Restore.class})
final class MemoryCommand {

    @ParentCommand
    WhiteMagicCommand root;

    /** What every memory subcommand shares: the store, output, JSON. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        MemoryCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "JSON Lines output.")
        boolean json;

        PrintWriter out;
        PrintWriter err;

        @Override
        public final Integer call() throws Exception {
            out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
            err = spec.commandLine().getErr();
            WhiteMagicCommand root = parent.root;
            try (WhiteMagicEngine engine = root.engine(root.settings())) {
                MemoryStore store = engine.memory();
                store.describeAs("whitemagic memory " + spec.name());
                store.onWait(line -> {
                    err.println("whitemagic: " + line);
                    err.flush();
                });
                printFailures(err, "", "memory files", store.problems().stream().map(MemoryCommand::splitWhere).toList());
                int code = run(store, engine);
                out.flush();
                return code;
            }
        }

        abstract int run(MemoryStore store, WhiteMagicEngine engine) throws Exception;

        /** Runs {@code work} as a job of the engine's queue, as the workbench does, and waits for it. */
        static <T> T asJob(WhiteMagicEngine engine, String name, String kind, Job<T> work,
                Function<? super T, String> summary) throws Exception {
            return engine.jobs().call(name, kind, TaskPriority.NORMAL, work, summary).join();
        }

        void json(Map<String, ?> object) {
            out.println(Json.line(object));
        }

        static Map<String, Object> describe(Memory m) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", m.id());
            o.put("title", m.title());
            o.put("type", m.type().folder());
            o.put("tags", m.tags());
            o.put("created", m.created().toString());
            if (m.path() != null) {
                o.put("path", m.path().toString());
            }
            if (m.warning() != null) {
                o.put("warning", m.warning());
            }
            return o;
        }

        static MemoryType type(String name) {
            if (name == null) {
                return null;
            }
            String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            for (MemoryType t : MemoryType.values()) {
                if (t.folder().equals(n) || t.name().equalsIgnoreCase(n)) {
                    return t;
                }
            }
            throw new WhiteMagicCommand.UserError("unknown type '" + name + "': use short_term, long_term or archive");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Creates a memory. The body comes from --content, --file, or standard input.")
    static final class Add extends Sub {
        @Option(names = {"-t", "--title"}, required = true, description = "The title.")
        String title;

        @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat it.")
        List<String> tags = new ArrayList<>();

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "short_term",
                description = "short_term (default) or long_term.")
        String type;

        @Option(names = "--content", paramLabel = "TEXT", description = "The body.")
        String content;

        @Option(names = "--file", paramLabel = "FILE", description = "Read the body from this file.")
        Path file;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) throws IOException {
            if (title.isBlank()) {
                throw new WhiteMagicCommand.UserError("the title may not be empty");
            }
            if (content != null && file != null) {
                throw new WhiteMagicCommand.UserError("use --content or --file, not both");
            }
            String body = content != null ? content : file != null ? readFile(file) : readStandardInput();
            Memory m;
            try {
                m = store.create(new MemoryDraft(title, body, tags, type(type), Map.of()));
            } catch (UncheckedIOException e) {
                throw new WhiteMagicCommand.UserError("memory not saved: " + IoErrors.describe(e));
            }
            if (json) {
                json(describe(m));
            } else {
                out.println(m.id());
            }
            return 0;
        }
    }

    /** An empty path argument would silently mean the working directory: a usage error instead. */
    static void notEmpty(Path p, String what) {
        if (p.toString().isEmpty()) {
            throw new WhiteMagicCommand.UserError(what + " is empty");
        }
    }

    /** The body from a file, read with the file reader's checks (regular files only, bounded, not binary). */
    static String readFile(Path file) {
        notEmpty(file, "--file");
        FileResult r = new ParallelFileReader().withMaxSize(MemoryFormat.MAX_FILE_SIZE).read(file);
        String problem = MarkdownImport.bodyProblem(r);
        if (problem != null) {
            throw new WhiteMagicCommand.UserError(file + ": " + problem);
        }
        return r.content();
    }

    /** The body from standard input, at most the largest memory, as strict UTF-8 text. */
    static String readStandardInput() throws IOException {
        byte[] bytes = System.in.readNBytes((int) MemoryFormat.MAX_FILE_SIZE + 1);
        if (bytes.length > MemoryFormat.MAX_FILE_SIZE) {
            throw new WhiteMagicCommand.UserError("standard input: larger than the "
                    + MemoryFormat.MAX_FILE_SIZE / (1024 * 1024) + " MiB a memory may hold; not read");
        }
        if (SafeFiles.looksBinary(bytes, bytes.length)) {
            throw new WhiteMagicCommand.UserError("standard input: binary (a NUL byte near the start), not text");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new WhiteMagicCommand.UserError("standard input: not valid UTF-8 text");
        }
    }

    /**
     * Prints per-item problems ("where", "why"), those that share one cause as one line ("30,000
     * failed: no space left on device"): a full disk must not print thirty thousand identical lines.
     *
     * @param each  put before "where: why" on a line of its own ("skipped ", or nothing)
     * @param group what the count counts ("failed", "skipped")
     */
    static void printFailures(PrintWriter err, String each, String group, List<Map.Entry<String, String>> failures) {
        Map<String, List<String>> byCause = new LinkedHashMap<>();
        failures.forEach(f -> byCause.computeIfAbsent(f.getValue(), k -> new ArrayList<>()).add(f.getKey()));
        byCause.forEach((cause, where) -> {
            if (where.size() <= SHOWN_ONE_BY_ONE || cause.isEmpty()) {
                where.forEach(w -> err.println("whitemagic: " + each + w + (cause.isEmpty() ? "" : ": " + cause)));
            } else {
                err.printf(Locale.ROOT, "whitemagic: %,d %s: %s (the first: %s)%n", where.size(), group, cause, where.getFirst());
            }
        });
        err.flush();
    }

    /** Problems with one cause are listed one by one up to this many; more are one line. */
    static final int SHOWN_ONE_BY_ONE = 3;

    /** "path: why" split at the first ": " after the path (paths may hold ": ", causes rarely start so). */
    static Map.Entry<String, String> splitWhere(String line) {
        int at = line.indexOf(": ");
        return at < 0 ? Map.entry(line, "") : Map.entry(line.substring(0, at), line.substring(at + 2));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints a memory as markdown.")
    static final class Show extends Sub {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) {
            Memory m = store.read(id).orElseThrow(() -> new WhiteMagicCommand.UserError("no memory '" + id + "'"));
            if (json) {
                Map<String, Object> o = describe(m);
                o.put("content", m.content());
                json(o);
            } else {
                out.print(MemoryFormat.write(m));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists memories, newest first.")
    static final class ListCmd extends Sub {
        @Option(names = "--type", paramLabel = "TYPE", description = "Only this type.")
        String type;

        @Option(names = "--archived", description = "Include archived memories.")
        boolean archived;

        @Option(names = "--sort", paramLabel = "KEY", defaultValue = "created",
                description = "created (default, newest first), oldest or title.")
        String sort;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) {
            MemorySort by = switch (sort) {
                case "created" -> MemorySort.NEWEST_FIRST;
                case "oldest" -> MemorySort.OLDEST_FIRST;
                case "title" -> MemorySort.TITLE;
                default -> throw new WhiteMagicCommand.UserError("--sort must be created, oldest or title");
            };
            List<Memory> all = store.list(type(type), archived, by);
            for (Memory m : all) {
                if (json) {
                    json(describe(m));
                } else {
                    out.printf(Locale.ROOT, "%s  %-10s  %s%s%n", m.id(), m.type().folder(), m.title(),
                            m.tags().isEmpty() ? "" : "  [" + String.join(", ", m.tags()) + "]");
                }
            }
            return all.isEmpty() ? 1 : 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = {"Searches with one or more queries at once (BM25, title weighted above body).",
                "Syntax: words, \"a phrase\", prefix*, fuzzy~; invalid syntax is searched as plain text."})
    static final class Search extends Sub {
        @Parameters(arity = "1..*", paramLabel = "Q", description = "Queries; each runs concurrently.")
        List<String> queries;

        @Option(names = "--dedupe", description = "One merged list: each memory once, with its best score and the queries that found it.")
        boolean dedupe;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only this type.")
        String type;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only memories with this tag (repeat: all of them).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--archived", description = "Include archived memories.")
        boolean archived;

        @Option(names = "--limit", defaultValue = "20", description = "Hits per query (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) throws Exception {
            if (limit < 1) {
                throw new WhiteMagicCommand.UserError("--limit must be 1 or more");
            }
            ParallelMemoryManager manager = new ParallelMemoryManager(store, engine.ioExecutor());
            MultiSearchResult r = asJob(engine, "search: " + String.join(", ", queries), "search",
                    ctx -> manager.parallelSearch(queries, dedupe, queries.size(), type(type), tags, archived, limit),
                    x -> x.merged().size() + " memories found");
            int found = 0;
            if (dedupe) {
                for (MultiSearchResult.MergedHit h : r.merged()) {
                    found++;
                    print(h.hit(), h.bestScore(), h.queries());
                }
            } else {
                for (MultiSearchResult.QueryResult q : r.perQuery()) {
                    if (q.error() != null) {
                        err.println("whitemagic: query '" + q.query() + "': " + q.error());
                        continue;
                    }
                    if (!json) {
                        out.println("# " + q.query() + " (" + q.hits().size() + ")");
                    }
                    for (SearchHit h : q.hits()) {
                        found++;
                        print(h, h.score(), List.of(q.query()));
                    }
                }
            }
            return found > 0 ? 0 : 1;
        }

        private void print(SearchHit h, float score, List<String> by) {
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", h.id());
                o.put("title", h.title());
                o.put("type", h.type().folder());
                o.put("tags", h.tags());
                o.put("created", h.created().toString());
                o.put("score", Math.round(score * 1000) / 1000.0);
                o.put("queries", by);
                o.put("preview", h.preview());
                json(o);
            } else {
                out.printf(Locale.ROOT, "%6.2f  %s  %s%s%n        %s%n", score, h.id(), h.title(),
                        dedupe ? "  ← " + String.join(", ", by) : "", h.preview().replace('\n', ' '));
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports markdown files (and folders of them) as one batch: all or nothing unless --no-atomic.")
    static final class Import extends Sub {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<Path> paths;

        @Option(names = "--no-atomic", description = "Create the good ones and report each failure.")
        boolean notAtomic;

        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "short_term", description = "Type of the imported memories.")
        String type;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) throws Exception {
            for (Path p : paths) {
                notEmpty(p, "a path to import");
                if (!Files.exists(p)) {
                    throw new WhiteMagicCommand.UserError(p + ": no such file or folder");
                }
            }
            MarkdownImport.Result found = MarkdownImport.read(paths, type(type));
            found.warnings().forEach(w -> err.println("whitemagic: " + w));
            printFailures(err, "skipped ", "skipped", found.skipped().stream().map(MemoryCommand::splitWhere).toList());
            List<Path> files = found.files();
            List<MemoryDraft> drafts = found.drafts();
            BatchCreateResult r = asJob(engine, "import " + files.size() + " files", "import",
                    ctx -> new ParallelMemoryManager(store, engine.ioExecutor()).batchCreateMemories(drafts, !notAtomic),
                    x -> x.created().size() + " imported, " + x.failures().size() + " failed");
            printFailures(err, "", "failed", r.failures().stream()
                    .map(item -> Map.entry(files.get(item.index()).toString(), item.error())).toList());
            String summary = String.format(Locale.ROOT, "%d created, %d skipped, %d failed%s", r.created().size(),
                    found.skipped().size(), r.failures().size(),
                    !notAtomic && !r.committed() ? " (atomic: nothing was created)" : "");
            if (json) {
                json(Map.of("type", "summary", "created", r.created().size(), "failed", r.failures().size(),
                        "committed", r.committed()));
            } else {
                out.println(summary);
            }
            return r.failures().isEmpty() ? 0 : WhiteMagicCommand.USAGE;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes every memory as a markdown file into DIR, in WhiteMagic's folder layout.")
    static final class Export extends Sub {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) throws IOException {
            notEmpty(dir, "the folder to export to");
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new WhiteMagicCommand.UserError(dir + ": not a folder");
            }
            MemoryExport.Result r = MemoryExport.write(store.list(null, true, MemorySort.NEWEST_FIRST), dir);
            r.replacedLinks().forEach(l -> err.println("whitemagic: " + l
                    + ": was a symbolic link; replaced by the memory's file (the link's target is untouched)"));
            printFailures(err, "", "not written", r.failures().stream()
                    .map(f -> Map.entry(f.file().toString(), f.error())).toList());
            out.println(r.written() + " memories written to " + dir.toAbsolutePath()
                    + (r.failures().isEmpty() ? "" : ", " + r.failures().size() + " not written"));
            return r.failures().isEmpty() ? 0 : WhiteMagicCommand.USAGE;
        }
    }

    @Command(name = "consolidate", mixinStandardHelpOptions = true,
            description = {"Without --strategy: the seed's consolidate_short_term (short-term memories older than",
                "the retention are promoted when tagged heuristic/pattern/proven/decision/insight, the rest gathered",
                "into a 'Consolidated Insights' memory and archived). With --strategy by_date|by_tags|by_similarity:",
                "groups are merged into one memory each and the originals archived. --dry-run only shows the plan."})
    static final class Consolidate extends Sub {
        @Option(names = "--strategy", paramLabel = "S", description = "by_date, by_tags or by_similarity.")
        String strategy;

        @Option(names = "--dry-run", description = "Show what would happen; change nothing.")
        boolean dryRun;

        @Option(names = "--min-similarity", defaultValue = "0.8", description = "For by_similarity (default ${DEFAULT-VALUE}).")
        double minSimilarity;

        @Option(names = "--max-group", defaultValue = "10", description = "Largest group (default ${DEFAULT-VALUE}).")
        int maxGroup;

        @Option(names = "--retention-days", defaultValue = "30",
                description = "Without --strategy: short-term memories older than this (default ${DEFAULT-VALUE}).")
        int retentionDays;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) throws Exception {
            MemoryConsolidator consolidator = new MemoryConsolidator(store);
            if (strategy == null) {
                if (retentionDays < 0) {
                    throw new WhiteMagicCommand.UserError("--retention-days must be 0 or more");
                }
                ShortTermConsolidation r = asJob(engine, dryRun ? "plan short-term consolidation" : "consolidate short-term",
                        "consolidate", ctx -> consolidator.consolidateShortTerm(Duration.ofDays(retentionDays), dryRun),
                        x -> x.promoted().size() + " promoted, " + x.archived().size() + " archived");
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("promoted", r.promoted());
                    o.put("archived", r.archived());
                    o.put("summary", r.summaryId());
                    o.put("dry_run", r.dryRun());
                    json(o);
                } else {
                    out.printf(Locale.ROOT, "%s%d promoted to long-term, %d gathered and archived%s%n",
                            dryRun ? "(dry run) " : "", r.promoted().size(), r.archived().size(),
                            r.summaryId() != null ? " into " + r.summaryId() : "");
                }
                return 0;
            }
            ConsolidationStrategy s = ConsolidationStrategy.fromName(strategy).orElseThrow(
                    () -> new WhiteMagicCommand.UserError("unknown strategy '" + strategy + "': use by_date, by_tags or by_similarity"));
            if (minSimilarity <= 0 || minSimilarity > 1) {
                throw new WhiteMagicCommand.UserError("--min-similarity must be above 0 and at most 1");
            }
            if (maxGroup < 2) {
                throw new WhiteMagicCommand.UserError("--max-group must be 2 or more");
            }
            ConsolidationPlan plan = asJob(engine, (dryRun ? "plan consolidation by " : "consolidate by ") + s.name().toLowerCase(Locale.ROOT),
                    "consolidate", ctx -> consolidator.smartConsolidate(s, minSimilarity, maxGroup, dryRun),
                    x -> x.groups().size() + " groups");
            for (ConsolidationGroup g : plan.groups()) {
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("key", g.key());
                    o.put("memories", g.memoryIds());
                    o.put("merged_title", g.mergedTitle());
                    json(o);
                } else {
                    out.println(g.mergedTitle() + "  ← " + String.join(", ", g.titles()));
                }
            }
            if (!json) {
                out.printf(Locale.ROOT, "%s%d groups, %d memories%n", dryRun ? "(dry run) " : "", plan.groups().size(),
                        plan.memoryCount());
            }
            return plan.groups().isEmpty() ? 1 : 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Archives a memory, or deletes it for good with --permanent.")
    static final class Delete extends Sub {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--permanent", description = "Delete the file instead of archiving it.")
        boolean permanent;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) {
            boolean found;
            try {
                found = store.delete(id, permanent);
            } catch (UncheckedIOException e) {
                throw new WhiteMagicCommand.UserError("memory not " + (permanent ? "deleted" : "archived") + ": "
                        + IoErrors.describe(e));
            }
            if (!found) {
                throw new WhiteMagicCommand.UserError("no memory '" + id + "'");
            }
            out.println((permanent ? "deleted " : "archived ") + id);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Brings an archived memory back.")
    static final class Restore extends Sub {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(MemoryStore store, WhiteMagicEngine engine) {
            Memory m = store.restore(id).orElseThrow(() -> new WhiteMagicCommand.UserError("no archived memory '" + id + "'"));
            out.println("restored " + m.id() + " to " + m.type().folder());
            return 0;
        }
    }
}
