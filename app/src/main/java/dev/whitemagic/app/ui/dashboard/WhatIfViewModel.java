package dev.whitemagic.app.ui.dashboard;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.adaptive.AdaptiveThreadingController;
import dev.whitemagic.engine.adaptive.PoolConfig;
import dev.whitemagic.engine.adaptive.TierDecision;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Dashboard's "what if" control: a task count and a complexity in, the controller's answer
 * out, recomputed whenever either moves (and on every refresh, since the load moves too).
 * Needs no toolkit, so it is tested without one.
 */
public final class WhatIfViewModel {

    public static final int MAX_TASKS = 400;

    private final AdaptiveThreadingController controller;
    private final IntegerProperty taskCount = new SimpleIntegerProperty(80);
    private final IntegerProperty complexity = new SimpleIntegerProperty(50);
    private final ObjectProperty<TierDecision> decision = new SimpleObjectProperty<>();
    private final StringProperty tierText = new SimpleStringProperty();
    private final StringProperty label = new SimpleStringProperty();
    private final StringProperty poolText = new SimpleStringProperty();
    private final StringProperty reason = new SimpleStringProperty();

    public WhatIfViewModel(AdaptiveThreadingController controller) {
        this.controller = controller;
        taskCount.addListener((obs, was, now) -> recompute());
        complexity.addListener((obs, was, now) -> recompute());
        recompute();
    }

    /** Asks the controller again with the current inputs and load; changes nothing in the engine. */
    public void recompute() {
        TierDecision d = controller.evaluate(Math.max(0, taskCount.get()), Math.clamp(complexity.get(), 0, 100));
        decision.set(d);
        tierText.set(d.tier() + " · " + d.tier().threads() + " threads");
        label.set(d.tier().label());
        PoolConfig pool = d.poolConfig();
        poolText.set(Format.pools(pool));
        reason.set(d.reason());
    }

    /** Makes the engine decide for these inputs: the tier becomes current and the decision is logged. */
    public void apply() {
        controller.recommendTier(Math.max(0, taskCount.get()), Math.clamp(complexity.get(), 0, 100));
        recompute();
    }

    public IntegerProperty taskCountProperty() {
        return taskCount;
    }

    public IntegerProperty complexityProperty() {
        return complexity;
    }

    public ReadOnlyObjectProperty<TierDecision> decisionProperty() {
        return decision;
    }

    public StringProperty tierTextProperty() {
        return tierText;
    }

    /** The recommended tier's I Ching label. */
    public StringProperty labelProperty() {
        return label;
    }

    public StringProperty poolTextProperty() {
        return poolText;
    }

    public StringProperty reasonProperty() {
        return reason;
    }
}
