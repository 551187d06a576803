package dev.whitemagic.app.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** A centred icon, title and sentence for a pane that has nothing to show yet. */
public final class EmptyState extends VBox {

    public EmptyState(Ikon icon, String title, String text) {
        FontIcon glyph = new FontIcon(icon);
        glyph.getStyleClass().add("empty-state-icon");
        Label heading = new Label(title);
        heading.getStyleClass().addAll("title-3", "empty-state-title");
        Label body = new Label(text);
        body.setWrapText(true);
        body.getStyleClass().add("empty-state-text");
        body.setMaxWidth(520);
        getChildren().addAll(glyph, heading, body);
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setSpacing(12);
    }
}
