package dev.whitemagic.app.settings;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link Settings} in the data directory. Writes are atomic (a temporary file
 * moved over the old one), so a crash mid-write leaves the previous settings intact.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "whitemagic.json";

    /** Built on first use: a command started without a settings file never pays for it. */
    private static final class Json {
        static final JsonMapper JSON = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    private final Path file;
    private volatile String warning;

    public SettingsStore(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * The saved settings, or the defaults when there are none. A damaged file is set aside as
     * {@code whitemagic.json.damaged} (so nothing is lost) and the defaults are used; {@link
     * #warning()} then says so.
     */
    public Settings load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Settings();
        } catch (IOException e) {
            warning = "could not read " + file + ": " + e.getMessage() + "; using default settings";
            return new Settings();
        }
        try {
            Settings settings = Json.JSON.readValue(bytes, Settings.class);
            return settings != null ? settings : new Settings();
        } catch (JacksonException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".damaged");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // Left where it is; the next save replaces it.
            }
            warning = file + " is not valid settings (" + e.getOriginalMessage() + "); it was kept as "
                    + aside.getFileName() + " and the defaults are used";
            return new Settings();
        }
    }

    /** Why the last {@link #load()} fell back to the defaults, if it did. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** Writes {@code settings} atomically, creating the data directory if needed. */
    public synchronized void save(Settings settings) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.write(temp, Json.JSON.writeValueAsBytes(settings));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
