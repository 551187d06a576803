package dev.whitemagic.app.cli;

import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.settings.SettingsStore;
import dev.whitemagic.app.ui.WorkbenchApp;
import dev.whitemagic.engine.EngineConfig;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root command: with no subcommand it opens the workbench window. */
@Command(name = "whitemagic",
        mixinStandardHelpOptions = true,
        versionProvider = WhiteMagicCommand.Version.class,
        description = {"WhiteMagic Workbench: parallel work on files, memories, job queues and pipelines.",
            "With no command, opens the workbench window."},
        subcommands = {MetricsCommand.class, TierCommand.class, ReadCommand.class, ScanCommand.class,
            GrepCommand.class, MatchCommand.class, IndexCommand.class, SimilarCommand.class, MemoryCommand.class,
            RunCommand.class,
            SnapshotCommand.class,
            BenchCommand.class, AotTrainingCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 nothing found, 2 usage or input error."})
public final class WhiteMagicCommand implements Callable<Integer> {

    /** Usage and input errors. */
    public static final int USAGE = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The data directory (default: $WHITEMAGIC_HOME or the platform's; now ${DEFAULT-VALUE}).")
    Path home = EngineConfig.defaultHome();

    /** Runs the program and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line; tests use it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WhiteMagicCommand());
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine line = e.getCommandLine();
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u && line.getParent() == null
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().getFirst().startsWith("-")) {
                message = "unknown command '" + u.getUnmatched().getFirst() + "'";
            }
            line.getErr().println("whitemagic: " + message);
            CommandLine.UnmatchedArgumentException.printSuggestions(e, line.getErr());
            line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserError || e instanceof IllegalArgumentException) {
                line.getErr().println("whitemagic: " + e.getMessage());
                return USAGE;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!displayAvailable()) {
            err.println("whitemagic: no display found ($DISPLAY and $WAYLAND_DISPLAY are not set), so the "
                    + "workbench window cannot open.");
            err.println("Use the command line instead, e.g. 'whitemagic metrics', 'whitemagic tier --tasks 80' "
                    + "or 'whitemagic snapshot --pane dashboard --out d.png'; 'whitemagic --help' lists them all.");
            return USAGE;
        }
        SettingsStore store = new SettingsStore(home);
        Settings settings = store.load();
        try (WhiteMagicEngine engine = engine(settings, true)) {
            WorkbenchApp.open(engine, store, settings);
        }
        return 0;
    }

    static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || "Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** The settings in the data directory. */
    Settings settings() {
        return new SettingsStore(home).load();
    }

    /**
     * An engine for a command, on the data directory, with the thresholds the user set. Its work
     * runs as jobs of its own queue, but a command keeps no job history: that is the workbench's
     * (a command starts faster without reading it, and never mixes its job ids into the history
     * of a workbench open at the same time).
     */
    WhiteMagicEngine engine(Settings settings) {
        return engine(settings, false);
    }

    /** An engine on the data directory; the workbench's keeps the job history. */
    WhiteMagicEngine engine(Settings settings, boolean jobHistory) {
        WhiteMagicEngine engine = WhiteMagicEngine.builder()
                .home(home)
                .cpuThreshold(settings.cpuThreshold)
                .memoryThreshold(settings.memoryThreshold)
                .jobHistory(jobHistory)
                .build();
        dev.whitemagic.app.files.Recipes.register(engine);
        return engine;
    }

    /** An error in what the user asked for: printed without a stack trace, exit code 2. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WhiteMagicCommand.class.getPackage().getImplementationVersion();
            return new String[] {"whitemagic " + (v != null ? v : "development build"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
