package dev.whitemagic.app.ui.common;

import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The panes' toolbar buttons: an icon, a text (or none), an id for tests, a tooltip, an action. */
public final class ToolbarButton {

    private ToolbarButton() {}

    /** A button that keeps its text whole when the toolbar narrows. */
    public static Button of(String id, String text, Ikon icon, String tip, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
