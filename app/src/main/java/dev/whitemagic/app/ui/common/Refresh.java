package dev.whitemagic.app.ui.common;

import javafx.util.Duration;

/** How often the live views refresh. They read the engine's latest figures, which costs nothing. */
public final class Refresh {

    /** The Dashboard and the status bar. */
    public static final Duration LIVE = Duration.seconds(1);

    /** How often a visible Memory pane looks whether another process changed the store. */
    public static final Duration STORE_WATCH = Duration.seconds(2);

    /** The window of time the live charts show, in seconds. */
    public static final int CHART_SECONDS = 60;

    private Refresh() {}
}
