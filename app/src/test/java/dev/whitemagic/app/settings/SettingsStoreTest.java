package dev.whitemagic.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path home;

    @Test
    void load_missingFile_givesDefaults() {
        SettingsStore store = new SettingsStore(home.resolve("new"));
        Settings s = store.load();
        assertThat(s.theme).isEqualTo("light");
        assertThat(s.lastPane).isEqualTo("dashboard");
        assertThat(s.cpuThreshold).isEqualTo(80);
        assertThat(store.warning()).isEmpty();
    }

    @Test
    void save_thenLoad_roundTrips_andCreatesTheDirectory() throws Exception {
        SettingsStore store = new SettingsStore(home.resolve("a/b"));
        Settings s = new Settings();
        s.theme = "dark";
        s.lastPane = "files";
        s.windowX = 10.0;
        s.windowY = 20.0;
        s.windowWidth = 1000;
        s.cpuThreshold = 70;
        store.save(s);
        Settings back = new SettingsStore(home.resolve("a/b")).load();
        assertThat(back.theme).isEqualTo("dark");
        assertThat(back.lastPane).isEqualTo("files");
        assertThat(back.windowX).isEqualTo(10.0);
        assertThat(back.windowWidth).isEqualTo(1000);
        assertThat(back.cpuThreshold).isEqualTo(70);
        try (var files = Files.list(home.resolve("a/b"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("whitemagic.json");
        }
    }

    @Test
    void save_keepsKeysThisVersionDoesNotKnow() throws Exception {
        Files.writeString(home.resolve("whitemagic.json"), """
                {"theme": "dark", "futureFeature": {"level": 3}, "recent": ["a", "b"]}
                """);
        SettingsStore store = new SettingsStore(home);
        Settings s = store.load();
        s.lastPane = "memory";
        store.save(s);
        String json = Files.readString(home.resolve("whitemagic.json"));
        assertThat(json).contains("futureFeature").contains("\"level\"").contains("recent");
        assertThat(new SettingsStore(home).load().lastPane).isEqualTo("memory");
    }

    @Test
    void load_damagedFile_isSetAside_withAWarning() throws Exception {
        Files.writeString(home.resolve("whitemagic.json"), "{ this is not json");
        SettingsStore store = new SettingsStore(home);
        Settings s = store.load();
        assertThat(s.theme).isEqualTo("light");
        assertThat(store.warning()).hasValueSatisfying(w -> assertThat(w).contains("whitemagic.json.damaged"));
        assertThat(home.resolve("whitemagic.json.damaged")).hasContent("{ this is not json");
        assertThat(home.resolve("whitemagic.json")).doesNotExist();
    }
}
