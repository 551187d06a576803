package dev.whitemagic.app.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.SystemLoad;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The view model needs no toolkit: JavaFX properties work without one. */
class WhatIfViewModelTest {

    private final AtomicReference<SystemLoad> load = new AtomicReference<>(new SystemLoad(10, 10));
    private final AdaptiveThreadingController controller = new AdaptiveThreadingController(load::get);
    private final WhatIfViewModel model = new WhatIfViewModel(controller);

    @Test
    void defaults_eightyTasks_showTier3() {
        assertThat(model.tierTextProperty().get()).isEqualTo("TIER_3 · 64 threads");
        assertThat(model.labelProperty().get()).contains("64 hexagrams");
        assertThat(model.poolTextProperty().get()).isEqualTo("I/O 64 at once · CPU " + Runtime.getRuntime().availableProcessors() + " (one per core)");
    }

    @Test
    void movingInputs_recomputesAtOnce() {
        model.taskCountProperty().set(300);
        assertThat(model.decisionProperty().get().tier()).isEqualTo(ThreadingTier.TIER_5);
        model.complexityProperty().set(90);
        assertThat(model.tierTextProperty().get()).startsWith("TIER_4");
        assertThat(model.reasonProperty().get()).contains("complexity 90 > 75");
        model.taskCountProperty().set(3);
        model.complexityProperty().set(10);
        assertThat(model.tierTextProperty().get()).startsWith("TIER_1");
    }

    @Test
    void recompute_followsTheLoad() {
        load.set(new SystemLoad(95, 10));
        model.recompute();
        assertThat(model.decisionProperty().get().underLoad()).isTrue();
        assertThat(model.tierTextProperty().get()).startsWith("TIER_2");
    }

    @Test
    void whatIf_changesNothing_butApplyDecides() {
        model.taskCountProperty().set(150);
        assertThat(controller.history()).isEmpty();
        assertThat(controller.currentTier()).isEqualTo(ThreadingTier.TIER_3);
        model.apply();
        assertThat(controller.currentTier()).isEqualTo(ThreadingTier.TIER_4);
        assertThat(controller.history()).singleElement().satisfies(d -> assertThat(d.taskCount()).isEqualTo(150));
    }
}
