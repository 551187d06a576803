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

    /** Runs {@code whitemagic --home HOME args…}; returns the exit code. */
    int run(String... args) {
        CommandLine cli = WhiteMagicCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.execute(all);
    }

    /** The non-empty lines printed on standard output. */
    List<String> lines() {
        return Arrays.stream(out.toString().split("\n")).filter(s -> !s.isEmpty()).toList();
    }
}
