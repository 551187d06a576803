package dev.whitemagic.app.ui;

import java.util.Locale;
import java.util.Optional;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/** The panes of the workbench, in sidebar order; Ctrl+1 … Ctrl+5 open them. */
public enum WorkbenchPane {
    FILES("Files", Material2AL.FOLDER_OPEN, ""),
    MEMORY("Memory", Material2MZ.STICKY_NOTE_2, ""),
    SCHEDULER("Scheduler", Material2MZ.QUEUE, ""),
    PIPELINE("Pipeline", Material2AL.ACCOUNT_TREE, ""),
    DASHBOARD("Dashboard", Material2AL.DASHBOARD, "");

    private final String title;
    private final Ikon icon;
    private final String placeholder;

    WorkbenchPane(String title, Ikon icon, String placeholder) {
        this.title = title;
        this.icon = icon;
        this.placeholder = placeholder;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** The text shown while the pane is still empty. */
    public String placeholder() {
        return placeholder;
    }

    /** The settings and command-line name: {@code files}, {@code dashboard}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WorkbenchPane> byId(String id) {
        for (WorkbenchPane pane : values()) {
            if (pane.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(pane);
            }
        }
        return Optional.empty();
    }
}
