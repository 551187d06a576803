package dev.whitemagic.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.app.files.FilesService.Filters;
import dev.whitemagic.app.files.FilesService.GrepQuery;
import dev.whitemagic.app.files.FilesService.Workers;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.scheduler.TaskInfo;
import dev.whitemagic.engine.scheduler.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File jobs restored from the job history run again from their recipes. */
class RecipesTest {

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void readAndGrep_afterARestart_runAgainFromTheHistory() throws Exception {
        Path a = Files.writeString(folder.resolve("a.txt"), "needle\nhay\n");
        Path b = Files.writeString(folder.resolve("b.txt"), "hay\nneedle needle\n");
        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            Recipes.register(engine);
            EngineFilesService files = new EngineFilesService(engine);
            files.read(List.of(a, b), Filters.defaults(), Workers.ADAPTIVE).result().get(10, TimeUnit.SECONDS);
            files.grep(List.of(a, b), new GrepQuery("needle", true, false, false, 0)).result().get(10, TimeUnit.SECONDS);
            dev.whitemagic.app.ui.scheduler.LoadGenerator.submit(engine.scheduler(), new dev.whitemagic.app.ui.scheduler.LoadGenerator.Spec(
                    dev.whitemagic.app.ui.scheduler.LoadGenerator.Work.SLEEP, 1, 5, dev.whitemagic.engine.scheduler.TaskPriority.LOW, null));
            for (TaskInfo t : engine.scheduler().getTasks()) {
                engine.scheduler().completion(t.id()).get(10, TimeUnit.SECONDS);
            }
        }
        Files.writeString(b, "no more\n");

        try (WhiteMagicEngine engine = WhiteMagicEngine.builder().home(home).build()) {
            Recipes.register(engine);
            dev.whitemagic.app.ui.scheduler.LoadGenerator.registerRecipe(engine); // as the Scheduler pane does
            List<TaskInfo> restored = engine.scheduler().getTasks();
            assertThat(restored).extracting(TaskInfo::kind).containsExactly("read", "grep", "sleep");
            assertThat(restored).allMatch(TaskInfo::rerunnable);
            assertThat(restored.get(1).resultSummary()).isEqualTo("2 matching lines in 2 files");

            long again = engine.scheduler().rerun(restored.get(1).id());
            TaskInfo grep = engine.scheduler().completion(again).get(10, TimeUnit.SECONDS);
            assertThat(grep.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(grep.resultSummary()).isEqualTo("1 matching lines in 2 files");

            long sleep = engine.scheduler().rerun(restored.get(2).id());
            assertThat(engine.scheduler().completion(sleep).get(10, TimeUnit.SECONDS).resultSummary()).isEqualTo("slept 5 ms");

            long read = engine.scheduler().rerun(restored.get(0).id());
            assertThat(engine.scheduler().completion(read).get(10, TimeUnit.SECONDS).resultSummary())
                    .startsWith("2 files, 0.0 MB");
        }
    }
}
