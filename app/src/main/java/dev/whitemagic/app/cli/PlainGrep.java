package dev.whitemagic.app.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a plain {@code whitemagic grep}, read without picocli. Picocli builds its
 * model of a command by reflection on its annotations, which costs a command ~50 ms of its start
 * (a dozen annotation proxy classes generated, by code that runs interpreted that early); grep is
 * the command run most, and most often on a whole tree, where that is a twentieth of its time.
 *
 * <p>Only the plain forms are read here: {@code [--home DIR] grep [options] PATTERN PATH...} with
 * grep's own options ({@code -F -i -w -c --json --hidden --no-ignore --sort}, {@code -C N},
 * {@code --glob G}, {@code --ext E}, long names, {@code --name=value}), each at most once
 * ({@code --ext} again), options anywhere. Anything else — help, a version, clustered short
 * options, {@code --}, an unknown option, a value that looks like an option, a missing argument,
 * a number that is not one — gets {@code null}, and picocli reads the arguments, with its own
 * messages. For what it accepts, the fields come out as picocli sets them (a test compares the
 * two on many command lines).
 */
final class PlainGrep {

    private PlainGrep() {}

    /** The grep command for {@code args}, its fields set; or null when picocli is to read them. */
    static GrepCommand parse(String[] args) {
        int at = 0;
        Path home = null;
        if (at < args.length && args[at].startsWith("--home")) {
            String value;
            if (args[at].equals("--home") && at + 1 < args.length) {
                value = args[at + 1];
                at += 2;
            } else if (args[at].startsWith("--home=")) {
                value = args[at].substring("--home=".length());
                at++;
            } else {
                return null;
            }
            home = path(value);
            if (home == null || value.startsWith("-")) {
                return null;
            }
        }
        if (at >= args.length || !args[at].equals("grep")) {
            return null;
        }
        at++;
        GrepCommand grep = new GrepCommand();
        grep.walk = new WalkOptions();
        Set<String> seen = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (; at < args.length; at++) {
            String arg = args[at];
            if (!arg.startsWith("-") || arg.equals("-")) {
                if (arg.equals("-")) {
                    return null;
                }
                positional.add(arg);
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            String option = switch (name) {
                case "-F", "--fixed-strings" -> "F";
                case "-i", "--ignore-case" -> "i";
                case "-w", "--word-regexp" -> "w";
                case "-c", "--count" -> "c";
                case "-C", "--context" -> "C";
                case "--json", "--hidden", "--no-ignore", "--sort", "--glob", "--ext" -> name;
                default -> null;
            };
            if (option == null || !seen.add(option) && !option.equals("--ext")) {
                return null; // unknown, clustered, help, version, "--", or given twice
            }
            boolean takesValue = option.equals("C") || option.equals("--glob") || option.equals("--ext");
            if (!takesValue && value != null) {
                return null;
            }
            if (takesValue && value == null) {
                if (at + 1 >= args.length || args[at + 1].startsWith("-")) {
                    return null;
                }
                value = args[++at];
            }
            switch (option) {
                case "F" -> grep.fixed = true;
                case "i" -> grep.ignoreCase = true;
                case "w" -> grep.word = true;
                case "c" -> grep.count = true;
                case "--json" -> grep.json = true;
                case "--hidden" -> grep.walk.hidden = true;
                case "--no-ignore" -> grep.walk.noIgnore = true;
                case "--sort" -> grep.walk.sort = true;
                case "--glob" -> grep.walk.glob = value;
                case "--ext" -> grep.walk.extensions.addAll(List.of(value.split(",")));
                case "C" -> {
                    try {
                        grep.context = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                default -> throw new IllegalStateException(option);
            }
        }
        if (positional.size() < 2) {
            return null;
        }
        grep.pattern = positional.getFirst();
        grep.paths = new ArrayList<>();
        for (String p : positional.subList(1, positional.size())) {
            Path path = path(p);
            if (path == null) {
                return null;
            }
            grep.paths.add(path);
        }
        grep.root = new WhiteMagicCommand();
        if (home != null) {
            grep.root.home = home;
        }
        return grep;
    }

    private static Path path(String s) {
        try {
            return ArgPaths.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Runs a command {@link #parse} gave, printing to {@code out} and {@code err}, with the exit
     * codes and messages the picocli route has ({@code whitemagic: ...} and 2 for a usage error;
     * the stack trace and 2 for anything else).
     */
    static int run(GrepCommand grep, PrintWriter out, PrintWriter err) {
        grep.writers(out, err);
        try {
            return grep.call();
        } catch (WhiteMagicCommand.UserError | IllegalArgumentException e) {
            err.println("whitemagic: " + e.getMessage());
            return WhiteMagicCommand.USAGE;
        } catch (Exception e) {
            e.printStackTrace(err);
            return WhiteMagicCommand.USAGE;
        } finally {
            err.flush();
        }
    }
}
