package dev.whitemagic.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in-process on a data directory and keeps what it printed. */
final class CliRunner {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Path home;

    CliRunner(Path home) {
        this.home = home;
    }

    /** Runs {@code whitemagic --home HOME args…} as the program does; returns the exit code. */
    int run(String... args) {
        return WhiteMagicCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), withHome(args));
    }

    /** As {@link #run}, always through picocli (the arguments read by its model, never {@link PlainGrep}). */
    int runWithPicocli(String... args) {
        CommandLine cli = WhiteMagicCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(withHome(args));
    }

    private String[] withHome(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** The non-empty lines printed on standard output. */
    List<String> lines() {
        return Arrays.stream(out.toString().split("\n")).filter(s -> !s.isEmpty()).toList();
    }
}
