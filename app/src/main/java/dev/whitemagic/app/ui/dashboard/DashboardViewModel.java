package dev.whitemagic.app.ui.dashboard;

import dev.whitemagic.app.ui.common.Format;
import dev.whitemagic.engine.WhiteMagicEngine;
import dev.whitemagic.engine.adaptive.PoolConfig;
import dev.whitemagic.engine.adaptive.ThreadingTier;
import dev.whitemagic.engine.adaptive.TierDecision;
import dev.whitemagic.engine.metrics.SystemMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Dashboard's state, refreshed once a second from the engine's latest sample. Tier decisions
 * arrive on engine threads; they are queued and taken in one batch per refresh.
 */
public final class DashboardViewModel {

    /** How many decisions the log table keeps. */
    static final int LOG_ROWS = 1_000;

    private final WhiteMagicEngine engine;
    private final Queue<TierDecision> incoming = new ConcurrentLinkedQueue<>();
    private final ObservableList<TierDecision> decisions = FXCollections.observableArrayList();

    final StringProperty cpu = new SimpleStringProperty("…");
    final StringProperty cpuDetail = new SimpleStringProperty("waiting for the first sample");
    final StringProperty memory = new SimpleStringProperty("…");
    final StringProperty memoryDetail = new SimpleStringProperty("");
    final DoubleProperty memoryFraction = new SimpleDoubleProperty();
    final StringProperty swap = new SimpleStringProperty("…");
    final StringProperty swapDetail = new SimpleStringProperty("");
    final DoubleProperty swapFraction = new SimpleDoubleProperty();
    final StringProperty load = new SimpleStringProperty("…");
    final StringProperty loadDetail = new SimpleStringProperty("1 · 5 · 15 minutes");
    final StringProperty disk = new SimpleStringProperty("…");
    final StringProperty diskDetail = new SimpleStringProperty("");
    final StringProperty network = new SimpleStringProperty("…");
    final StringProperty networkDetail = new SimpleStringProperty("");
    final StringProperty heap = new SimpleStringProperty("…");
    final StringProperty heapDetail = new SimpleStringProperty("");
    final DoubleProperty heapFraction = new SimpleDoubleProperty();
    final StringProperty threads = new SimpleStringProperty("…");
    final StringProperty threadsDetail = new SimpleStringProperty("");
    final StringProperty currentTier = new SimpleStringProperty();
    final StringProperty currentTierLabel = new SimpleStringProperty();
    final StringProperty currentPool = new SimpleStringProperty();

    public DashboardViewModel(WhiteMagicEngine engine) {
        this.engine = engine;
        decisions.setAll(engine.adaptive().history().reversed());
    }

    /** Reloads the log from the controller's history (the pane was hidden and missed decisions). */
    void resync() {
        incoming.clear();
        decisions.setAll(engine.adaptive().history().reversed());
    }

    /** Where engine threads hand in decisions; cheap and thread-safe. */
    void offer(TierDecision decision) {
        incoming.add(decision);
    }

    /** Takes the latest sample and the queued decisions. Called on the FX thread. */
    public void refresh() {
        engine.metrics().latest().ifPresent(this::show);
        ThreadingTier tier = engine.adaptive().currentTier();
        PoolConfig pool = engine.adaptive().getPoolConfig();
        currentTier.set(tier.name());
        currentTierLabel.set(tier.threads() + " threads · " + tier.label());
        currentPool.set(Format.pools(pool));
        threads.set(String.valueOf(engine.threadCount()));
        var jobs = engine.scheduler();
        threadsDetail.set(jobs.runningCount() + " jobs running · " + jobs.pendingCount() + " queued (limit "
                + jobs.maxConcurrent() + ") · " + jvmThreads + " JVM threads");
        List<TierDecision> batch = new ArrayList<>();
        for (TierDecision d; (d = incoming.poll()) != null; ) {
            if (!decisions.subList(0, Math.min(decisions.size(), 8)).contains(d)) {
                batch.add(d);
            }
        }
        if (!batch.isEmpty()) {
            decisions.addAll(0, batch.reversed());
            if (decisions.size() > LOG_ROWS) {
                decisions.remove(LOG_ROWS, decisions.size());
            }
        }
    }

    private int jvmThreads;

    private void show(SystemMetrics m) {
        cpu.set(Format.percent(m.cpuPercent()));
        cpuDetail.set(m.cores() + " logical cores");
        memory.set(Format.percent(m.memoryPercent()));
        memoryDetail.set(Format.bytes(m.memoryUsed()) + " of " + Format.bytes(m.memoryTotal()));
        memoryFraction.set(m.memoryPercent() / 100);
        if (m.swapTotal() > 0) {
            swap.set(Format.percent(m.swapPercent()));
            swapDetail.set(Format.bytes(m.swapUsed()) + " of " + Format.bytes(m.swapTotal()));
        } else {
            swap.set("none");
            swapDetail.set("no swap configured");
        }
        swapFraction.set(m.swapPercent() / 100);
        List<Double> l = m.loadAverage();
        load.set(Format.load(l.get(0)));
        loadDetail.set(Format.load(l.get(1)) + " · " + Format.load(l.get(2)) + "  (5 · 15 min)");
        disk.set(Format.rate(m.diskReadPerSec() + m.diskWritePerSec()));
        diskDetail.set("read " + Format.rate(m.diskReadPerSec()) + " · write " + Format.rate(m.diskWritePerSec()));
        network.set(Format.rate(m.netReceivedPerSec() + m.netSentPerSec()));
        networkDetail.set("in " + Format.rate(m.netReceivedPerSec()) + " · out " + Format.rate(m.netSentPerSec()));
        heap.set(Format.bytes(m.heapUsed()));
        heapDetail.set("of " + Format.bytes(m.heapMax()) + " (" + Format.percent(m.heapPercent()) + ")");
        heapFraction.set(m.heapPercent() / 100);
        jvmThreads = m.jvmThreads();
    }

    /** Newest first. */
    public ObservableList<TierDecision> decisions() {
        return decisions;
    }

    public WhiteMagicEngine engine() {
        return engine;
    }
}
