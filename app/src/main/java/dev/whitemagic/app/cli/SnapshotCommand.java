package dev.whitemagic.app.cli;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.ui.PaneSnapshot;
import dev.whitemagic.app.ui.WorkbenchPane;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code whitemagic snapshot}: renders a pane of the workbench to PNG, with no display. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Renders one pane of the workbench to a PNG file, headless (no display needed).")
final class SnapshotCommand implements Callable<Integer> {

    @ParentCommand
    WhiteMagicCommand root;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--pane", required = true, paramLabel = "NAME",
            description = "files, memory, scheduler, pipeline or dashboard.")
    String pane;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--theme", paramLabel = "light|dark", description = "Default: the theme in the settings.")
    String theme;

    @Option(names = "--width", defaultValue = "1280", description = "Width in pixels (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "820", description = "Height in pixels (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--wait", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds of live data to gather before the picture (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Override
    public Integer call() throws Exception {
        WorkbenchPane target = WorkbenchPane.byId(pane).orElseThrow(() -> new WhiteMagicCommand.UserError(
                "unknown pane '" + pane + "': use one of " + Arrays.stream(WorkbenchPane.values())
                        .map(WorkbenchPane::id).collect(Collectors.joining(", "))));
        if (theme != null && !theme.equals("light") && !theme.equals("dark")) {
            throw new WhiteMagicCommand.UserError("--theme must be light or dark, got '" + theme + "'");
        }
        if (width < 320 || height < 240 || width > 8192 || height > 8192) {
            throw new WhiteMagicCommand.UserError("--width and --height must be between 320x240 and 8192x8192");
        }
        if (waitSeconds < 0 || waitSeconds > 120) {
            throw new WhiteMagicCommand.UserError("--wait must be between 0 and 120 seconds");
        }
        Settings settings = root.settings();
        if (theme != null) {
            settings.theme = theme;
        }
        settings.lastPane = target.id();
        try (WhiteMagicEngine engine = root.engine(settings)) {
            PaneSnapshot.render(engine, settings, target, width, height, Duration.ofSeconds(waitSeconds), out);
        }
        spec.commandLine().getOut().println("wrote " + out.toAbsolutePath());
        return 0;
    }
}
