package dev.whitemagic.engine.pipeline;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.whitemagic.engine.pipeline.ops.DataType;
import dev.whitemagic.engine.pipeline.ops.Operation;
import dev.whitemagic.engine.pipeline.ops.OperationContext;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import dev.whitemagic.engine.pipeline.ops.Parameter;
import dev.whitemagic.engine.pipeline.ops.Parameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads, checks, writes and builds {@link PipelineSpec pipeline files}. Every problem is reported
 * with its place ({@code stages[2].params.pattern}), all at once, never as an exception. A file
 * may come from anyone: its size, nesting, stage count and every number in it are bounded
 * ({@code MAX_*}), each refused with the field, its value and the allowed range.
 *
 * <pre>{@code
 * PipelineSpecs.Parsed parsed = PipelineSpecs.read(Path.of("wordcount.json"));
 * List<SpecProblem> problems = PipelineSpecs.validate(parsed, OperationRegistry.load());
 * if (problems.isEmpty()) {
 *     ParallelPipeline p = PipelineSpecs.build(parsed.spec(), registry,
 *             OperationContext.of(engine::memory, ConfinedFolder.of(Path.of("out"))));   // write-file writes only there
 *     p.execute(PipelineSpecs.input(parsed.spec(), registry, List.of("src")));
 * }
 * }</pre>
 */
public final class PipelineSpecs {

    // Limits: a pipeline file may come from anyone; none of these stops a real pipeline, each
    // keeps a hostile one from exhausting memory, threads or the stack before it is refused.

    /** The largest pipeline file read (4 MiB; the samples are 1–2 KiB). */
    public static final long MAX_FILE_BYTES = 4L << 20;
    /** The deepest nesting of JSON read (a pipeline file needs 4 levels). */
    public static final int MAX_NESTING = 64;
    /** Stages in one pipeline: 1 to this. */
    public static final int MAX_STAGES = 1000;
    /** Edges in one pipeline. */
    public static final int MAX_EDGES = 10_000;
    /** Workers of one stage: 1 to this (the largest tier is 256). */
    public static final int MAX_WORKERS = 1024;
    /** Workers of all stages together (defaults included). */
    public static final int MAX_TOTAL_WORKERS = 16_384;
    /** A stage's input queue: 1 to this many items. */
    public static final int MAX_QUEUE_CAPACITY = 65_536;
    /** Queue room of all stages together (capacity × stages): the queues are allocated up front. */
    public static final long MAX_QUEUED_ITEMS = 1L << 22;
    /** The longest per-item timeout: one day. */
    public static final long MAX_TIMEOUT_MILLIS = 86_400_000L;
    /** The most retries of "retry:N". */
    public static final int MAX_RETRIES = 100;
    /** How far from the origin a stage may sit on the canvas. */
    public static final double MAX_COORDINATE = 1_000_000;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Set<String> TOP_KEYS = Set.of("schema", "name", "description", "input", "options", "stages", "edges");
    private static final Set<String> STAGE_KEYS = Set.of("id", "operation", "workers", "params", "onError", "timeoutMillis", "x", "y");

    private PipelineSpecs() {
    }

    /**
     * A file as read: the spec (null when it could not be read at all) and the problems found
     * while reading it.
     */
    public record Parsed(PipelineSpec spec, List<SpecProblem> problems) {
        /** Copies the problems. */
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    /** Thrown by {@link #build} for a spec with problems; carries every one. */
    public static final class InvalidPipelineException extends IllegalArgumentException {
        private final List<SpecProblem> problems;

        InvalidPipelineException(List<SpecProblem> problems) {
            super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", problems.stream().map(SpecProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        /** Every problem, with its place. */
        public List<SpecProblem> problems() {
            return problems;
        }
    }

    // ---- reading -------------------------------------------------------------------------

    /**
     * Reads a pipeline file: a regular file (never a FIFO or device) of at most
     * {@link #MAX_FILE_BYTES}, in UTF-8.
     */
    public static Parsed read(Path file) {
        String where = file.toString();
        try {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(where);
            }
            if (!Files.isRegularFile(file)) {
                return problem(where, "not a regular file (a folder, FIFO or device is not read)");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return problem(where, String.format(Locale.ROOT, "%,d bytes is too large for a pipeline file (at most %,d)",
                        size, MAX_FILE_BYTES));
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // it may have grown since
            }
            if (bytes.length > MAX_FILE_BYTES) {
                return problem(where, String.format(Locale.ROOT, "too large for a pipeline file (at most %,d bytes)", MAX_FILE_BYTES));
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return problem(where, "not UTF-8 text (a pipeline file is JSON)");
            }
            return parse(text);
        } catch (IOException e) {
            return problem(where, "cannot read: " + describe(e));
        } catch (UncheckedIOException e) {
            return problem(where, "cannot read: " + describe(e.getCause()));
        }
    }

    private static Parsed problem(String place, String message) {
        return new Parsed(null, List.of(new SpecProblem(place, message)));
    }

    /** Reads pipeline JSON (at most {@link #MAX_FILE_BYTES} characters, nested at most {@link #MAX_NESTING} deep). */
    public static Parsed parse(String json) {
        List<SpecProblem> problems = new ArrayList<>();
        if (json.length() > MAX_FILE_BYTES) {
            return problem("file", String.format(Locale.ROOT, "too large for a pipeline (at most %,d characters)", MAX_FILE_BYTES));
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (StreamConstraintsException e) {
            var loc = e.getLocation();
            String where = loc == null ? "file" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String what = String.valueOf(e.getOriginalMessage());
            return problem(where, what.contains("nesting depth") ? "nested more than " + MAX_NESTING
                    + " levels deep (a pipeline file needs 4)" : "not valid JSON: " + what.replaceFirst(" \\(from `.*$", ""));
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String where = loc == null ? "file" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return problem(where, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Parsed(null, List.of(new SpecProblem("file", "expected a JSON object with \"schema\" and \"stages\"")));
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        int schema = 0;
        JsonNode s = root.get("schema");
        if (s == null) {
            problems.add(new SpecProblem("schema", "missing (this engine reads version " + PipelineSpec.SCHEMA + ")"));
        } else if (!s.isInt() || s.intValue() < 1) {
            problems.add(new SpecProblem("schema", "expected a version number, got " + s));
        } else if (s.intValue() > PipelineSpec.SCHEMA) {
            problems.add(new SpecProblem("schema", "version " + s.intValue() + " is newer than this engine reads ("
                    + PipelineSpec.SCHEMA + ")"));
        } else {
            schema = s.intValue();
        }
        String name = text(root, "name", "", problems);
        String description = text(root, "description", "", problems);
        List<String> input = strings(root.get("input"), "input", problems);
        PipelineSpec.Options options = options(root.get("options"), problems);
        List<PipelineSpec.Stage> stages = new ArrayList<>();
        JsonNode st = root.get("stages");
        if (st == null || !st.isArray()) {
            problems.add(new SpecProblem("stages", st == null ? "missing" : "expected a list of stages"));
        } else if (st.size() > MAX_STAGES) {
            problems.add(new SpecProblem("stages", String.format(Locale.ROOT, "%,d stages; a pipeline may have 1 to %,d",
                    st.size(), MAX_STAGES)));
            return new Parsed(null, problems);
        } else {
            for (int i = 0; i < st.size(); i++) {
                PipelineSpec.Stage stage = stage(st.get(i), "stages[" + i + "]", problems);
                if (stage != null) {
                    stages.add(stage);
                }
            }
        }
        List<PipelineSpec.Edge> edges = new ArrayList<>();
        JsonNode ed = root.get("edges");
        if (ed != null && !ed.isArray()) {
            problems.add(new SpecProblem("edges", "expected a list of {\"from\", \"to\"}"));
        } else if (ed != null && ed.size() > MAX_EDGES) {
            problems.add(new SpecProblem("edges", String.format(Locale.ROOT, "%,d edges; a pipeline may have at most %,d",
                    ed.size(), MAX_EDGES)));
            return new Parsed(null, problems);
        } else if (ed != null) {
            for (int i = 0; i < ed.size(); i++) {
                JsonNode e = ed.get(i);
                String place = "edges[" + i + "]";
                if (!e.isObject() || !e.path("from").isString() || !e.path("to").isString()) {
                    problems.add(new SpecProblem(place, "expected {\"from\": stage id, \"to\": stage id}"));
                } else {
                    edges.add(new PipelineSpec.Edge(e.get("from").stringValue(), e.get("to").stringValue()));
                }
            }
        }
        return new Parsed(new PipelineSpec(schema, name, description, input, options, stages, edges), problems);
    }

    private static PipelineSpec.Options options(JsonNode o, List<SpecProblem> problems) {
        if (o == null) {
            return PipelineSpec.Options.defaults();
        }
        if (!o.isObject()) {
            problems.add(new SpecProblem("options", "expected an object"));
            return PipelineSpec.Options.defaults();
        }
        unknownKeys(o, Set.of("queueCapacity", "keepOrder"), "options.", problems);
        int capacity = ParallelPipeline.DEFAULT_QUEUE_CAPACITY;
        JsonNode c = o.get("queueCapacity");
        if (c != null) {
            if (!c.isInt() || c.intValue() < 1 || c.intValue() > MAX_QUEUE_CAPACITY) {
                problems.add(new SpecProblem("options.queueCapacity", range(1, MAX_QUEUE_CAPACITY, c)));
            } else {
                capacity = c.intValue();
            }
        }
        boolean keep = false;
        JsonNode k = o.get("keepOrder");
        if (k != null) {
            if (!k.isBoolean()) {
                problems.add(new SpecProblem("options.keepOrder", "expected true or false, got " + k));
            } else {
                keep = k.booleanValue();
            }
        }
        return new PipelineSpec.Options(capacity, keep);
    }

    private static PipelineSpec.Stage stage(JsonNode n, String place, List<SpecProblem> problems) {
        if (n == null || !n.isObject()) {
            problems.add(new SpecProblem(place, "expected a stage object with \"id\" and \"operation\""));
            return null;
        }
        unknownKeys(n, STAGE_KEYS, place + ".", problems);
        String id = n.path("id").isString() ? n.get("id").stringValue().strip() : "";
        if (id.isEmpty()) {
            problems.add(new SpecProblem(place + ".id", "missing"));
            return null;
        }
        String op = n.path("operation").isString() ? n.get("operation").stringValue().strip() : "";
        if (op.isEmpty()) {
            problems.add(new SpecProblem(place + ".operation", "missing"));
        }
        int workers = 0;
        JsonNode w = n.get("workers");
        if (w != null && (!w.isInt() || w.intValue() < 1 || w.intValue() > MAX_WORKERS)) {
            problems.add(new SpecProblem(place + ".workers", range(1, MAX_WORKERS, w)));
        } else if (w != null) {
            workers = w.intValue();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode p = n.get("params");
        if (p != null && !p.isObject()) {
            problems.add(new SpecProblem(place + ".params", "expected an object of parameter values"));
        } else if (p != null) {
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                JsonNode v = e.getValue();
                if (v.isArray()) {
                    List<String> list = new ArrayList<>();
                    for (JsonNode x : v) {
                        list.add(x.isValueNode() ? x.asString() : x.toString());
                    }
                    params.put(e.getKey(), list);
                } else if (v.isBoolean()) {
                    params.put(e.getKey(), v.booleanValue());
                } else if (v.isIntegralNumber()) {
                    // beyond a long: kept as text, which the parameter check refuses as out of range
                    params.put(e.getKey(), v.canConvertToLong() ? (Object) v.longValue() : v.asString());
                } else if (v.isNumber()) {
                    params.put(e.getKey(), v.doubleValue());
                } else if (v.isNull()) {
                    // as if absent
                } else if (v.isValueNode()) {
                    params.put(e.getKey(), v.asString());
                } else {
                    problems.add(new SpecProblem(place + ".params." + e.getKey(), "expected a value or a list, got an object"));
                }
            }
        }
        String onError = n.path("onError").isString() ? n.get("onError").stringValue() : "skip";
        long timeout = 0;
        JsonNode t = n.get("timeoutMillis");
        if (t != null && (!t.isIntegralNumber() || !t.canConvertToLong() || t.longValue() < 0
                || t.longValue() > MAX_TIMEOUT_MILLIS)) {
            problems.add(new SpecProblem(place + ".timeoutMillis", range(0, MAX_TIMEOUT_MILLIS, t) + " milliseconds (0 for none)"));
        } else if (t != null) {
            timeout = t.longValue();
        }
        return new PipelineSpec.Stage(id, op, workers, params, onError, timeout, coordinate(n, "x", place, problems),
                coordinate(n, "y", place, problems));
    }

    private static double coordinate(JsonNode stage, String key, String place, List<SpecProblem> problems) {
        JsonNode v = stage.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || !(Math.abs(v.doubleValue()) <= MAX_COORDINATE)) {
            problems.add(new SpecProblem(place + "." + key, "expected a number from " + fmt(-MAX_COORDINATE) + " to "
                    + fmt(MAX_COORDINATE) + ", got " + abbreviate(v)));
            return 0;
        }
        return v.doubleValue();
    }

    /** "expected a whole number from 1 to 1,024, got 100000000". */
    private static String range(long min, long max, Object got) {
        return String.format(Locale.ROOT, "expected a whole number from %,d to %,d, got %s", min, max,
                got instanceof JsonNode n ? abbreviate(n) : got);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%,.0f", d);
    }

    /** A value as it appears in the file, cut short when long. */
    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    // ---- checking ------------------------------------------------------------------------

    /** The problems of a file as read plus those {@link #validate(PipelineSpec, OperationRegistry)} finds. */
    public static List<SpecProblem> validate(Parsed parsed, OperationRegistry registry) {
        List<SpecProblem> all = new ArrayList<>(parsed.problems());
        if (parsed.spec() != null) {
            all.addAll(validate(parsed.spec(), registry));
        }
        return all;
    }

    /**
     * Every problem of a spec: duplicate or unknown stages, unknown operations, missing or invalid
     * parameters, error policies, edges to nowhere, cycles, and connections whose types do not fit.
     */
    public static List<SpecProblem> validate(PipelineSpec spec, OperationRegistry registry) {
        List<SpecProblem> problems = new ArrayList<>();
        if (spec.stages().isEmpty()) {
            problems.add(new SpecProblem("stages", "a pipeline needs at least one stage"));
        }
        long queued = (long) spec.options().queueCapacity() * spec.stages().size();
        if (queued > MAX_QUEUED_ITEMS) {
            problems.add(new SpecProblem("options.queueCapacity", String.format(Locale.ROOT,
                    "%,d × %,d stages is room for %,d queued items; the limit is %,d (lower the capacity)",
                    spec.options().queueCapacity(), spec.stages().size(), queued, MAX_QUEUED_ITEMS)));
        }
        long totalWorkers = 0;
        Map<String, PipelineSpec.Stage> byId = new LinkedHashMap<>();
        Map<String, Operation> ops = new HashMap<>();
        for (int i = 0; i < spec.stages().size(); i++) {
            PipelineSpec.Stage s = spec.stages().get(i);
            String place = "stages[" + i + "]";
            if (byId.putIfAbsent(s.id(), s) != null) {
                problems.add(new SpecProblem(place + ".id", "'" + s.id() + "' is used by another stage"));
            }
            if (s.operation().isEmpty()) {
                continue; // reported while reading
            }
            Operation op = registry.find(s.operation()).orElse(null);
            if (op == null) {
                problems.add(new SpecProblem(place + ".operation", "unknown operation '" + s.operation() + "'"
                        + suggestion(s.operation(), registry)));
                continue;
            }
            ops.put(s.id(), op);
            totalWorkers += s.workers() > 0 ? s.workers() : op.defaultWorkers();
            problems.addAll(checkParams(op, s.params(), place + ".params"));
            if (parsePolicy(s.onError()) == null) {
                problems.add(new SpecProblem(place + ".onError", "expected skip, fail or retry:N with N from 1 to "
                        + MAX_RETRIES + ", got '" + abbreviate(s.onError()) + "'"));
            }
        }
        if (totalWorkers > MAX_TOTAL_WORKERS) {
            problems.add(new SpecProblem("stages", String.format(Locale.ROOT,
                    "%,d workers in all; the stages together may have at most %,d", totalWorkers, MAX_TOTAL_WORKERS)));
        }
        Map<String, List<String>> next = new LinkedHashMap<>();
        Map<String, List<String>> prev = new LinkedHashMap<>();
        for (String id : byId.keySet()) {
            next.put(id, new ArrayList<>());
            prev.put(id, new ArrayList<>());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.edges().size(); i++) {
            PipelineSpec.Edge e = spec.edges().get(i);
            String place = "edges[" + i + "]";
            boolean ok = true;
            for (String end : List.of(e.from(), e.to())) {
                if (!byId.containsKey(end)) {
                    problems.add(new SpecProblem(place, "no stage '" + end + "'"));
                    ok = false;
                }
            }
            if (ok && e.from().equals(e.to())) {
                problems.add(new SpecProblem(place, "stage '" + e.from() + "' cannot feed itself"));
                ok = false;
            }
            if (ok && seen.add(e.from() + "\u0000" + e.to())) {
                next.get(e.from()).add(e.to());
                prev.get(e.to()).add(e.from());
            }
        }
        List<String> order = topologicalOrder(next, prev);
        if (order == null) {
            problems.add(new SpecProblem("edges", "the stages form a cycle: " + String.join(" → ", cycle(next))));
            return problems;
        }
        // the type each stage makes, following SAME through the graph
        Map<String, DataType> made = new HashMap<>();
        for (String id : order) {
            Operation op = ops.get(id);
            if (op == null) {
                made.put(id, DataType.ANY);
                continue;
            }
            DataType in = op.input();
            List<String> from = prev.get(id);
            if (!from.isEmpty()) {
                DataType first = made.get(from.getFirst());
                in = from.stream().allMatch(f -> made.get(f) == first) ? first : DataType.ANY;
            }
            made.put(id, op.output() == DataType.SAME ? in : op.output());
        }
        for (int i = 0; i < spec.edges().size(); i++) {
            PipelineSpec.Edge e = spec.edges().get(i);
            Operation to = ops.get(e.to());
            DataType m = made.get(e.from());
            if (to != null && m != null && !to.input().accepts(m)) {
                problems.add(new SpecProblem("edges[" + i + "]", "'" + e.to() + "' (" + to.title() + ") takes "
                        + to.input().key() + " but '" + e.from() + "' makes " + m.key()));
            }
        }
        return problems;
    }

    /** Whether an edge {@code from → to} may be added to {@code spec}: null if so, else why not. */
    public static String checkConnection(PipelineSpec spec, OperationRegistry registry, String from, String to) {
        List<PipelineSpec.Edge> edges = new ArrayList<>(spec.edges());
        if (edges.contains(new PipelineSpec.Edge(from, to))) {
            return "they are already connected";
        }
        edges.add(new PipelineSpec.Edge(from, to));
        PipelineSpec with = new PipelineSpec(spec.schema(), spec.name(), spec.description(), spec.input(), spec.options(),
                spec.stages(), edges);
        String place = "edges[" + (edges.size() - 1) + "]";
        for (SpecProblem p : validate(with, registry)) {
            if (p.place().equals(place) || p.message().startsWith("the stages form a cycle")) {
                return p.message();
            }
        }
        return null;
    }

    /** Problems of parameter values for {@code op}, placed under {@code place}. */
    public static List<SpecProblem> checkParams(Operation op, Map<String, Object> values, String place) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, Parameter> declared = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            declared.put(p.name(), p);
        }
        for (String key : values.keySet()) {
            if (!declared.containsKey(key)) {
                problems.add(new SpecProblem(place + "." + key, "'" + op.id() + "' has no parameter '" + key + "'"));
            }
        }
        Parameters params = new Parameters(op.parameters(), values);
        for (Parameter p : op.parameters()) {
            String where = place + "." + p.name();
            if (!params.has(p.name())) {
                if (p.required()) {
                    problems.add(new SpecProblem(where, "missing (required: " + p.description() + ")"));
                }
                continue;
            }
            String v = params.string(p.name());
            switch (p.kind()) {
                case INTEGER -> {
                    String allowed = String.format(Locale.ROOT, "from %,d to %,d", p.min(), p.max());
                    try {
                        long n = params.integer(p.name());
                        if (!p.inRange(n)) {
                            problems.add(new SpecProblem(where, "expected a whole number " + allowed + ", got " + n));
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(new SpecProblem(where, "expected a whole number " + allowed + ", got '" + abbreviate(v) + "'"));
                    }
                }
                case BOOLEAN -> {
                    Object raw = params.asMap().get(p.name());
                    if (!(raw instanceof Boolean) && !List.of("true", "false", "yes", "no", "1", "0", "on", "off")
                            .contains(v.strip().toLowerCase(Locale.ROOT))) {
                        problems.add(new SpecProblem(where, "expected true or false, got '" + v + "'"));
                    }
                }
                case REGEX -> {
                    try {
                        Pattern.compile(v);
                    } catch (PatternSyntaxException e) {
                        problems.add(new SpecProblem(where, "invalid regex: "
                                + String.valueOf(e.getMessage()).replaceFirst("^error parsing regexp: ", "")));
                    }
                }
                case CHOICE -> {
                    if (!p.choices().contains(v)) {
                        problems.add(new SpecProblem(where, "expected one of " + String.join(", ", p.choices()) + ", got '" + v + "'"));
                    }
                }
                default -> {
                }
            }
        }
        if (problems.isEmpty()) {
            try {
                op.create(params, OperationContext.none());
            } catch (IllegalArgumentException e) {
                String m = e.getMessage() == null ? "invalid" : e.getMessage();
                int colon = m.indexOf(": ");
                String key = colon > 0 ? m.substring(0, colon) : "";
                problems.add(declared.containsKey(key) ? new SpecProblem(place + "." + key, m.substring(colon + 2))
                        : new SpecProblem(place, m));
            }
        }
        return problems;
    }

    // ---- building ------------------------------------------------------------------------

    /**
     * The runnable pipeline of a spec.
     *
     * @throws InvalidPipelineException with every problem, when it has any
     */
    public static ParallelPipeline build(PipelineSpec spec, OperationRegistry registry, OperationContext context) {
        List<SpecProblem> problems = validate(spec, registry);
        if (!problems.isEmpty()) {
            throw new InvalidPipelineException(problems);
        }
        ParallelPipeline p = ParallelPipeline.create().queueCapacity(spec.options().queueCapacity())
                .keepOrder(spec.options().keepOrder());
        for (PipelineSpec.Stage s : spec.stages()) {
            Operation op = registry.find(s.operation()).orElseThrow();
            StageSpec.Builder b = StageSpec.of(s.id(), op.create(new Parameters(op.parameters(), s.params()), context))
                    .workers(s.workers() > 0 ? s.workers() : op.defaultWorkers())
                    .onError(parsePolicy(s.onError()));
            if (s.timeoutMillis() > 0) {
                b.timeout(Duration.ofMillis(s.timeoutMillis()));
            }
            p.stage(b.build());
        }
        for (PipelineSpec.Edge e : spec.edges()) {
            p.connect(e.from(), e.to());
        }
        return p;
    }

    /**
     * The items a run starts with: {@code given} if any, else the spec's default input; as paths
     * when the first stages take paths, else as text.
     */
    public static List<Object> input(PipelineSpec spec, OperationRegistry registry, List<String> given) {
        List<String> raw = given.isEmpty() ? spec.input() : given;
        Set<String> fed = new HashSet<>();
        spec.edges().forEach(e -> fed.add(e.to()));
        boolean paths = spec.stages().stream().filter(s -> !fed.contains(s.id()))
                .map(s -> registry.find(s.operation()).map(Operation::input).orElse(DataType.ANY))
                .anyMatch(t -> t == DataType.PATH);
        List<Object> out = new ArrayList<>();
        for (String s : raw) {
            out.add(paths ? Path.of(s) : s);
        }
        return out;
    }

    /** "skip", "fail", "retry:N" → the policy; null when it is none of these. */
    public static ErrorPolicy parsePolicy(String text) {
        String t = text == null ? "skip" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("skip") || t.isEmpty()) {
            return ErrorPolicy.skip();
        }
        if (t.equals("fail")) {
            return ErrorPolicy.failRun();
        }
        if (t.startsWith("retry:")) {
            try {
                int n = Integer.parseInt(t.substring(6).strip());
                return n >= 1 && n <= MAX_RETRIES ? ErrorPolicy.retry(n) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The text form of a policy, as {@link #parsePolicy} reads it. */
    public static String policyText(ErrorPolicy policy) {
        return switch (policy.action()) {
            case SKIP -> "skip";
            case FAIL -> "fail";
            case RETRY -> "retry:" + policy.retries();
        };
    }

    // ---- writing -------------------------------------------------------------------------

    /** The spec as pretty JSON, keys in a stable order. */
    public static String toJson(PipelineSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", PipelineSpec.SCHEMA);
        root.put("name", spec.name());
        if (!spec.description().isEmpty()) {
            root.put("description", spec.description());
        }
        if (!spec.input().isEmpty()) {
            ArrayNode in = root.putArray("input");
            spec.input().forEach(in::add);
        }
        ObjectNode options = root.putObject("options");
        options.put("queueCapacity", spec.options().queueCapacity());
        options.put("keepOrder", spec.options().keepOrder());
        ArrayNode stages = root.putArray("stages");
        for (PipelineSpec.Stage s : spec.stages()) {
            ObjectNode n = stages.addObject();
            n.put("id", s.id());
            n.put("operation", s.operation());
            if (s.workers() > 0) {
                n.put("workers", s.workers());
            }
            ObjectNode params = n.putObject("params");
            s.params().forEach((k, v) -> {
                switch (v) {
                    case Boolean b -> params.put(k, b);
                    case Long l -> params.put(k, l);
                    case Integer i -> params.put(k, i);
                    case Double d -> params.put(k, d);
                    case Collection<?> c -> {
                        ArrayNode a = params.putArray(k);
                        c.forEach(x -> a.add(String.valueOf(x)));
                    }
                    default -> params.put(k, String.valueOf(v));
                }
            });
            if (!s.onError().equals("skip")) {
                n.put("onError", s.onError());
            }
            if (s.timeoutMillis() > 0) {
                n.put("timeoutMillis", s.timeoutMillis());
            }
            n.put("x", s.x());
            n.put("y", s.y());
        }
        ArrayNode edges = root.putArray("edges");
        for (PipelineSpec.Edge e : spec.edges()) {
            ObjectNode n = edges.addObject();
            n.put("from", e.from());
            n.put("to", e.to());
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    /** Writes the spec to {@code file} atomically (a temp file moved into place). */
    public static void write(PipelineSpec spec, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".pipeline-", ".tmp");
        try {
            Files.writeString(tmp, toJson(spec), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    private static void unknownKeys(JsonNode o, Set<String> known, String prefix, List<SpecProblem> problems) {
        for (String key : o.propertyNames()) {
            if (!known.contains(key)) {
                problems.add(new SpecProblem(prefix + key, "unknown key (expected one of " + String.join(", ",
                        known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static String text(JsonNode o, String key, String fallback, List<SpecProblem> problems) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isString()) {
            problems.add(new SpecProblem(key, "expected text, got " + v));
            return fallback;
        }
        return v.stringValue();
    }

    private static List<String> strings(JsonNode v, String place, List<SpecProblem> problems) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isString()) {
            out.add(v.stringValue());
            return out;
        }
        if (!v.isArray()) {
            problems.add(new SpecProblem(place, "expected a list of paths or texts"));
            return out;
        }
        for (JsonNode x : v) {
            out.add(x.asString());
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }

    private static String suggestion(String id, OperationRegistry registry) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Operation op : registry.all()) {
            int d = distance(id, op.id());
            if (d < bestDistance) {
                bestDistance = d;
                best = op.id();
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<String> topologicalOrder(Map<String, List<String>> next, Map<String, List<String>> prev) {
        Map<String, Integer> indegree = new HashMap<>();
        prev.forEach((k, v) -> indegree.put(k, v.size()));
        ArrayDeque<String> ready = new ArrayDeque<>();
        for (String k : next.keySet()) {
            if (indegree.get(k) == 0) {
                ready.add(k);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String k = ready.poll();
            order.add(k);
            for (String t : next.get(k)) {
                if (indegree.merge(t, -1, Integer::sum) == 0) {
                    ready.add(t);
                }
            }
        }
        return order.size() == next.size() ? order : null;
    }

    private static List<String> cycle(Map<String, List<String>> next) {
        ParallelPipeline p = ParallelPipeline.create();
        for (String id : next.keySet()) {
            p.stage(StageSpec.of(id, StageFunction.map(x -> x)).build());
        }
        next.forEach((from, tos) -> tos.forEach(to -> p.connect(from, to)));
        return p.findCycle();
    }

    private static String describe(IOException e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
