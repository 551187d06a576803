package dev.whitemagic.app.ui.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.pipeline.PipelineSpec;
import dev.whitemagic.engine.pipeline.PipelineSpec.Edge;
import dev.whitemagic.engine.pipeline.ops.OperationRegistry;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The editor's model without the toolkit: every edit undoes and redoes exactly. */
class EditorModelTest {

    private EditorModel model;
    private int changes;

    @BeforeEach
    void setUp() {
        model = new EditorModel(OperationRegistry.builtIn());
        model.addListener(() -> changes++);
    }

    /** Applies {@code edit}, then checks that undo restores the spec before it and redo the one after. */
    private void assertUndoable(Consumer<EditorModel> edit) {
        PipelineSpec before = model.spec();
        edit.accept(model);
        PipelineSpec after = model.spec();
        assertThat(after).isNotEqualTo(before);
        assertThat(model.undo()).isTrue();
        assertThat(model.spec()).isEqualTo(before);
        assertThat(model.redo()).isTrue();
        assertThat(model.spec()).isEqualTo(after);
    }

    private void twoStages() {
        model.addStage("list-files", 40, 80);
        model.addStage("read-file", 300, 80);
    }

    @Test
    void addStage_getsOperationIdAndDefaults_andIsUndoable() {
        assertUndoable(m -> m.addStage("read-file", 10, 20));
        PipelineSpec.Stage s = model.spec().stages().getFirst();
        assertThat(s.id()).isEqualTo("read-file");
        assertThat(s.workers()).isEqualTo(model.registry().find("read-file").orElseThrow().defaultWorkers());
        assertThat(s.x()).isEqualTo(10);
        assertThat(model.addStage("read-file", 0, 0)).isEqualTo("read-file-2");
        assertThat(model.addStage("aggregate", 0, 0)).isEqualTo("aggregate");
        assertThat(model.stage("aggregate").orElseThrow().workers()).isEqualTo(1);
    }

    @Test
    void everyEdit_isUndoableAndRedoable() {
        twoStages();
        assertUndoable(m -> assertThat(m.connect("list-files", "read-file")).isNull());
        assertUndoable(m -> m.disconnect(new Edge("list-files", "read-file")));
        model.undo(); // connected again
        assertUndoable(m -> m.moveBy(List.of("list-files", "read-file"), 25, -5));
        assertUndoable(m -> m.setParam("read-file", "max-size", 1000L));
        assertUndoable(m -> m.setParam("read-file", "max-size", ""));
        assertUndoable(m -> m.updateStage("read-file", s -> new PipelineSpec.Stage(s.id(), s.operation(), 3, s.params(),
                "retry:2", 500, s.x(), s.y())));
        assertUndoable(m -> assertThat(m.rename("read-file", "read")).isNull());
        assertThat(model.spec().edges()).containsExactly(new Edge("list-files", "read"));
        assertUndoable(m -> m.rename("Word count"));
        assertUndoable(m -> m.remove(Set.of("read")));
        assertThat(model.spec().edges()).isEmpty();
        assertUndoable(m -> m.paste(m.copy(List.of("list-files")), 20, 20));
    }

    @Test
    void moveBy_isOneEdit_forManyStages() {
        twoStages();
        model.moveBy(List.of("list-files", "read-file"), 10, 10);
        assertThat(model.spec().stages()).extracting(PipelineSpec.Stage::x).containsExactly(50.0, 310.0);
        model.undo();
        assertThat(model.spec().stages()).extracting(PipelineSpec.Stage::x).containsExactly(40.0, 300.0);
    }

    @Test
    void undoAll_thenRedoAll_walksTheHistory() {
        twoStages();
        model.connect("list-files", "read-file");
        PipelineSpec end = model.spec();
        while (model.canUndo()) {
            model.undo();
        }
        assertThat(model.spec().stages()).isEmpty();
        while (model.canRedo()) {
            model.redo();
        }
        assertThat(model.spec()).isEqualTo(end);
        model.undo();
        model.addStage("grep", 0, 0);
        assertThat(model.canRedo()).as("a new edit drops the redo stack").isFalse();
    }

    @Test
    void paste_getsFreshIds_andKeepsInnerEdges() {
        twoStages();
        model.connect("list-files", "read-file");
        EditorModel.Clip clip = model.copy(List.of("list-files", "read-file"));
        List<String> first = model.paste(clip, 30, 30);
        List<String> second = model.paste(clip, 60, 60);
        assertThat(first).containsExactly("list-files-2", "read-file-2");
        assertThat(second).containsExactly("list-files-3", "read-file-3");
        assertThat(model.spec().edges()).contains(new Edge("list-files-2", "read-file-2"),
                new Edge("list-files-3", "read-file-3"));
        assertThat(model.stage("read-file-3").orElseThrow().x()).isEqualTo(360.0);
        assertThat(model.problems()).isEmpty();
    }

    @Test
    void connect_incompatibleTypes_isRefusedWithTheReason_andChangesNothing() {
        model.addStage("list-files", 0, 0);
        model.addStage("grep", 200, 0);
        PipelineSpec before = model.spec();
        int changesBefore = changes;
        String reason = model.connect("list-files", "grep");
        assertThat(reason).contains("takes text").contains("makes path");
        assertThat(model.spec()).isSameAs(before);
        assertThat(changes).isEqualTo(changesBefore);
    }

    @Test
    void connect_cycleOrDuplicate_isRefused() {
        twoStages();
        model.addStage("filter", 500, 0);
        assertThat(model.connect("read-file", "filter")).isNull();
        assertThat(model.connect("read-file", "filter")).isEqualTo("they are already connected");
        assertThat(model.connect("filter", "read-file")).contains("cycle");
        assertThat(model.connect("filter", "filter")).isNotNull();
    }

    @Test
    void rename_refusesTakenOrEmptyIds() {
        twoStages();
        assertThat(model.rename("read-file", "list-files")).contains("used by another stage");
        assertThat(model.rename("read-file", " ")).contains("empty");
        assertThat(model.spec().stages()).extracting(PipelineSpec.Stage::id).containsExactly("list-files", "read-file");
    }

    @Test
    void reset_clearsHistory_andDirtyFollowsSaves() {
        twoStages();
        assertThat(model.isDirty()).isTrue();
        model.markSaved();
        assertThat(model.isDirty()).isFalse();
        model.moveBy(List.of("list-files"), 5, 5);
        assertThat(model.isDirty()).isTrue();
        model.undo();
        assertThat(model.isDirty()).isFalse();
        model.reset(EditorModel.empty());
        assertThat(model.canUndo()).isFalse();
        assertThat(model.canRedo()).isFalse();
    }

    @Test
    void problems_pointAtTheirStage() {
        model.addStage("grep", 0, 0);
        var problems = model.problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.place()).isEqualTo("stages[0].params.pattern");
            assertThat(model.stageOf(p)).contains("grep");
        });
    }
}
