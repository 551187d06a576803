package dev.whitemagic.app.ui.common;

import javafx.scene.Node;

/** A pane of the workbench. Live panes start their refresh when shown and stop it when hidden. */
public interface PaneView {

    Node node();

    /** The pane became visible. */
    default void shown() {}

    /** The pane was hidden or the window closed. */
    default void hidden() {}
}
