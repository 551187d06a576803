package dev.whitemagic.app.ui.pipeline;

import dev.whitemagic.engine.pipeline.PipelineSpec.Edge;
import dev.whitemagic.engine.pipeline.PipelineSpec.Stage;
import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpecs;
import dev.whitemagic.engine.pipeline.SpecProblem;
import dev.whitemagic.engine.pipeline.ops.Operation;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The pipeline being edited, as a history of immutable {@link PipelineSpec}s: every edit replaces
 * the spec and pushes the old one on the undo stack, so undo and redo are a swap and the whole
 * editor is testable without the toolkit. Not thread-safe: the FX thread owns it.
 */
public final class EditorModel {

    /** How many edits can be undone. */
    static final int HISTORY = 500;

    /** Copied stages and the edges between them. */
    public record Clip(List<Stage> stages, List<Edge> edges) {
        public Clip {
            stages = List.copyOf(stages);
            edges = List.copyOf(edges);
        }

        public boolean isEmpty() {
            return stages.isEmpty();
        }
    }

    private final OperationRegistry registry;
    private final Deque<PipelineSpec> undo = new ArrayDeque<>();
    private final Deque<PipelineSpec> redo = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private PipelineSpec spec;
    private PipelineSpec saved;

    public EditorModel(OperationRegistry registry) {
        this.registry = registry;
        this.spec = empty();
        this.saved = spec;
    }

    /** A new, empty pipeline. */
    public static PipelineSpec empty() {
        return new PipelineSpec(PipelineSpec.SCHEMA, "Untitled pipeline", "", List.of(), null, List.of(), List.of());
    }

    public OperationRegistry registry() {
        return registry;
    }

    public PipelineSpec spec() {
        return spec;
    }

    /** Called after every change of the spec (edits, undo, redo, reset). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Starts over with {@code loaded} (New, Open, a sample): the history is cleared. */
    public void reset(PipelineSpec loaded) {
        undo.clear();
        redo.clear();
        spec = loaded;
        saved = loaded;
        fire();
    }

    /** The spec now is the one in the file. */
    public void markSaved() {
        saved = spec;
    }

    /** {@code written} is the one in the file (a save that ran while editing went on). */
    public void markSaved(PipelineSpec written) {
        saved = written;
    }

    public boolean isDirty() {
        return spec != saved;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(spec);
        spec = undo.pop();
        fire();
        return true;
    }

    public boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(spec);
        spec = redo.pop();
        fire();
        return true;
    }

    // ---- edits -------------------------------------------------------------------------------

    /** Adds a stage of {@code operation} at (x, y); returns its id. */
    public String addStage(String operation, double x, double y) {
        Operation op = registry.find(operation).orElseThrow(() -> new IllegalArgumentException("no operation " + operation));
        String id = freshId(op.id(), ids());
        int workers = op.aggregates() ? 1 : op.defaultWorkers();
        List<Stage> stages = new ArrayList<>(spec.stages());
        stages.add(new Stage(id, op.id(), workers, Map.of(), "skip", 0, Math.round(x), Math.round(y)));
        apply(with(stages, spec.edges()));
        return id;
    }

    /** Removes stages with their edges. */
    public void remove(Collection<String> ids) {
        Set<String> gone = new HashSet<>(ids);
        if (spec.stages().stream().noneMatch(s -> gone.contains(s.id()))) {
            return;
        }
        apply(with(spec.stages().stream().filter(s -> !gone.contains(s.id())).toList(),
                spec.edges().stream().filter(e -> !gone.contains(e.from()) && !gone.contains(e.to())).toList()));
    }

    /** Removes one connection. */
    public void disconnect(Edge edge) {
        if (!spec.edges().contains(edge)) {
            return;
        }
        apply(with(spec.stages(), spec.edges().stream().filter(e -> !e.equals(edge)).toList()));
    }

    /** Moves stages by (dx, dy): one edit however many stages move. */
    public void moveBy(Collection<String> ids, double dx, double dy) {
        if ((dx == 0 && dy == 0) || ids.isEmpty()) {
            return;
        }
        Set<String> moving = new HashSet<>(ids);
        apply(with(spec.stages().stream()
                .map(s -> moving.contains(s.id()) ? s.at(Math.round(s.x() + dx), Math.round(s.y() + dy)) : s).toList(),
                spec.edges()));
    }

    /** Connects {@code from → to}; returns null, or why the connection is refused (nothing changes then). */
    public String connect(String from, String to) {
        String refusal = PipelineSpecs.checkConnection(spec, registry, from, to);
        if (refusal == null) {
            List<Edge> edges = new ArrayList<>(spec.edges());
            edges.add(new Edge(from, to));
            apply(with(spec.stages(), edges));
        }
        return refusal;
    }

    /** Changes one stage (workers, error policy, timeout, parameters); the id must stay. */
    public void updateStage(String id, UnaryOperator<Stage> change) {
        List<Stage> stages = new ArrayList<>(spec.stages());
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(id)) {
                Stage now = change.apply(stages.get(i));
                if (now.equals(stages.get(i))) {
                    return;
                }
                if (!now.id().equals(id)) {
                    throw new IllegalArgumentException("use rename to change an id");
                }
                stages.set(i, now);
                apply(with(stages, spec.edges()));
                return;
            }
        }
    }

    /** Sets one parameter; a blank value removes it (the default applies). */
    public void setParam(String id, String name, Object value) {
        updateStage(id, s -> {
            Map<String, Object> params = new LinkedHashMap<>(s.params());
            if (value == null || (value instanceof String t && t.isBlank())
                    || (value instanceof List<?> l && l.isEmpty())) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
            return s.withParams(params);
        });
    }

    /** Renames a stage and its edges; returns null, or why not. */
    public String rename(String id, String newId) {
        String to = newId == null ? "" : newId.strip();
        if (to.equals(id)) {
            return null;
        }
        if (to.isEmpty()) {
            return "an id cannot be empty";
        }
        if (ids().contains(to)) {
            return "'" + to + "' is used by another stage";
        }
        apply(with(spec.stages().stream().map(s -> s.id().equals(id)
                        ? new Stage(to, s.operation(), s.workers(), s.params(), s.onError(), s.timeoutMillis(), s.x(), s.y())
                        : s).toList(),
                spec.edges().stream().map(e -> new Edge(e.from().equals(id) ? to : e.from(),
                        e.to().equals(id) ? to : e.to())).toList()));
        return null;
    }

    /** Changes the pipeline's name. */
    public void rename(String name) {
        if (!spec.name().equals(name)) {
            apply(new PipelineSpec(spec.schema(), name, spec.description(), spec.input(), spec.options(), spec.stages(),
                    spec.edges()));
        }
    }

    // ---- clipboard -----------------------------------------------------------------------------

    /** The stages {@code ids} and the edges between them. */
    public Clip copy(Collection<String> ids) {
        Set<String> chosen = new HashSet<>(ids);
        return new Clip(spec.stages().stream().filter(s -> chosen.contains(s.id())).toList(),
                spec.edges().stream().filter(e -> chosen.contains(e.from()) && chosen.contains(e.to())).toList());
    }

    /** Adds copies of the clip's stages, moved by (dx, dy), with fresh ids; returns the new ids. */
    public List<String> paste(Clip clip, double dx, double dy) {
        if (clip.isEmpty()) {
            return List.of();
        }
        Set<String> taken = new HashSet<>(ids());
        Map<String, String> renamed = new HashMap<>();
        List<Stage> stages = new ArrayList<>(spec.stages());
        for (Stage s : clip.stages()) {
            String id = freshId(s.id().replaceFirst("-\\d+$", ""), taken);
            taken.add(id);
            renamed.put(s.id(), id);
            stages.add(new Stage(id, s.operation(), s.workers(), s.params(), s.onError(), s.timeoutMillis(), s.x() + dx,
                    s.y() + dy));
        }
        List<Edge> edges = new ArrayList<>(spec.edges());
        for (Edge e : clip.edges()) {
            edges.add(new Edge(renamed.get(e.from()), renamed.get(e.to())));
        }
        apply(with(stages, edges));
        return clip.stages().stream().map(s -> renamed.get(s.id())).toList();
    }

    // ---- reading -------------------------------------------------------------------------------

    public Optional<Stage> stage(String id) {
        return spec.stages().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Operation> operation(Stage stage) {
        return registry.find(stage.operation());
    }

    /** Every problem of the pipeline now. */
    public List<SpecProblem> problems() {
        return PipelineSpecs.validate(spec, registry);
    }

    /** The stage a problem's place names ("stages[2].params.pattern" → that stage; edges → their target). */
    public Optional<String> stageOf(SpecProblem problem) {
        var m = Pattern.compile("^(stages|edges)\\[(\\d+)]").matcher(problem.place());
        if (!m.find()) {
            return Optional.empty();
        }
        int i = Integer.parseInt(m.group(2));
        if (m.group(1).equals("stages")) {
            return i < spec.stages().size() ? Optional.of(spec.stages().get(i).id()) : Optional.empty();
        }
        return i < spec.edges().size() ? Optional.of(spec.edges().get(i).to()) : Optional.empty();
    }

    private Set<String> ids() {
        Set<String> ids = new HashSet<>();
        spec.stages().forEach(s -> ids.add(s.id()));
        return ids;
    }

    static String freshId(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            if (!taken.contains(base + "-" + n)) {
                return base + "-" + n;
            }
        }
    }

    private PipelineSpec with(List<Stage> stages, List<Edge> edges) {
        return new PipelineSpec(spec.schema(), spec.name(), spec.description(), spec.input(), spec.options(), stages, edges);
    }

    private void apply(PipelineSpec next) {
        undo.push(spec);
        if (undo.size() > HISTORY) {
            undo.removeLast();
        }
        redo.clear();
        spec = next;
        fire();
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
