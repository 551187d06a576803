package dev.whitemagic.app.settings;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the workbench remembers between runs, kept in {@code whitemagic.json} in the data
 * directory. Keys this version does not know are kept as they were, so an older workbench never
 * drops what a newer one wrote.
 */
public final class Settings {

    public String theme = "light";
    public String lastPane = "dashboard";
    /** Null until the window has been placed once. */
    public Double windowX;
    public Double windowY;
    public double windowWidth = 1280;
    public double windowHeight = 820;
    public boolean windowMaximized;
    public double cpuThreshold = 80;
    public double memoryThreshold = 85;

    private final Map<String, Object> unknown = new LinkedHashMap<>();

    @JsonAnySetter
    void keep(String key, Object value) {
        unknown.put(key, value);
    }

    @JsonAnyGetter
    Map<String, Object> unknown() {
        return unknown;
    }

    public boolean isDark() {
        return "dark".equals(theme);
    }

    /** A copy, for handing to the thread that saves. */
    public Settings copy() {
        Settings s = new Settings();
        s.theme = theme;
        s.lastPane = lastPane;
        s.windowX = windowX;
        s.windowY = windowY;
        s.windowWidth = windowWidth;
        s.windowHeight = windowHeight;
        s.windowMaximized = windowMaximized;
        s.cpuThreshold = cpuThreshold;
        s.memoryThreshold = memoryThreshold;
        s.unknown.putAll(unknown);
        return s;
    }
}
