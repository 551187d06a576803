package dev.whitemagic.app.cli;

import dev.whitemagic.app.files.Recipes;
import dev.whitemagic.app.settings.Settings;
import dev.whitemagic.app.settings.SettingsStore;
import dev.whitemagic.app.ui.WorkbenchApp;
import dev.whitemagic.engine.EngineConfig;
import dev.whitemagic.engine.WhiteMagicEngine;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The root command: with no subcommand it opens the workbench window. */
@Command(name = "whitemagic",
        mixinStandardHelpOptions = true,
        versionProvider = WhiteMagicCommand.Version.class,
        description = {"WhiteMagic Workbench: parallel work on files, memories, job queues and pipelines.",
            "With no command, opens the workbench window."},
        footer = {"", "Exit codes: 0 ok, 1 nothing found, 2 usage or input error (file commands: also when a file",
            "or folder could not be read, even if something was found, as grep and ripgrep do)."})
public final class WhiteMagicCommand implements Callable<Integer> {

    /** Usage and input errors. */
    public static final int USAGE = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR",
            description = "The data directory (default: $WHITEMAGIC_HOME or the platform's; now ${DEFAULT-VALUE}).")
    Path home = EngineConfig.defaultHome();

    /**
     * The subcommands by name, in the order the help lists them. Picocli builds a command's model
     * by reflection, interpreted at start (its classes are too old for the AOT cache): building
     * all of them costs a command like {@code grep} a good part of its start, so a command line
     * for one of them gets only that one (see {@link #commandLine(String...)}).
     */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("metrics", MetricsCommand.class);
        m.put("tier", TierCommand.class);
        m.put("read", ReadCommand.class);
        m.put("scan", ScanCommand.class);
        m.put("grep", GrepCommand.class);
        m.put("match", MatchCommand.class);
        m.put("index", IndexCommand.class);
        m.put("similar", SimilarCommand.class);
        m.put("memory", MemoryCommand.class);
        m.put("run", RunCommand.class);
        m.put("snapshot", SnapshotCommand.class);
        m.put("bench", BenchCommand.class);
        m.put("aot-training", AotTrainingCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /** Runs the program and returns its exit code. */
    public static int run(String... args) {
        ArgPaths.capture(args);
        return run(null, null, args);
    }

    /**
     * Runs the program printing to {@code out} and {@code err} (tests, the AOT training; null:
     * standard output and error, as picocli writes to them); returns its exit code.
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        GrepCommand plain = PlainGrep.parse(args);
        if (plain != null) {
            return PlainGrep.run(plain, out != null ? out : writer(System.out, "sun.stdout.encoding"),
                    err != null ? err : writer(System.err, "sun.stderr.encoding"));
        }
        CommandLine cli = commandLine(args);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        return cli.execute(args);
    }

    /** A writer on {@code stream} as picocli makes its own (the encoding it names, else the default). */
    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        Charset charset = Charset.defaultCharset();
        String name = System.getProperty(encodingProperty);
        if (name != null) {
            try {
                charset = Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
            } catch (RuntimeException e) {
                // the default, as picocli falls back
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }

    /** The configured command line with every subcommand; tests use it with their own writers. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: when the first argument names a subcommand
     * other than {@code help}, only that subcommand is built (parsing, help and errors of that
     * command are the same); otherwise all of them are.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new WhiteMagicCommand());
        String first = args.length > 0 ? args[0] : "";
        Class<?> only = "help".equals(first) ? null : SUBCOMMANDS.get(first);
        if (only != null) {
            cli.addSubcommand(first, only);
        } else {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
        cli.registerConverter(Path.class, ArgPaths::of); // a name that is not UTF-8 kept byte for byte
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setParameterExceptionHandler((e, unused) -> {
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
                // never "whitemagic: null": some JDK exceptions have no message
                line.getErr().println("whitemagic: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
                return USAGE;
            }
            String io = IoErrors.describe(e);
            if (io != null) {
                // A full disk, a read-only folder, a file where a folder belongs: one line, not a trace.
                line.getErr().println("whitemagic: " + io);
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
        SettingsStore store = new SettingsStore(home());
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
        return new SettingsStore(home()).load();
    }

    /**
     * The data directory, checked: {@code --home ""} would silently be the working directory, and a
     * file or device given as the home fails later with less to say.
     */
    Path home() {
        if (home.toString().isBlank()) {
            throw new UserError("--home is empty: give the data directory (it is created if missing)");
        }
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new UserError("--home " + home + ": not a folder");
        }
        return home;
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
                .home(home())
                .cpuThreshold(settings.cpuThreshold)
                .memoryThreshold(settings.memoryThreshold)
                .jobHistory(jobHistory)
                .build();
        Recipes.register(engine);
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
