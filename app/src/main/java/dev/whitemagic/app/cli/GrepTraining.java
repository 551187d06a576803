package dev.whitemagic.app.cli;

import dev.whitemagic.app.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of grep's own AOT cache: a process that only greps, as {@code whitemagic grep}
 * does (through {@link PlainGrep}), with no command line of its own to parse. A cache's classes
 * are all loaded when the JVM starts, so the fewer the better: trained through the
 * {@code aot-training} command instead, the cache held ~1,300 more classes (picocli, the other
 * commands) and a grep started ~10 ms later. Also the grep part of that command's training.
 *
 * <p>{@code java -XX:AOTCacheOutput=grep.aot -cp ... dev.whitemagic.app.cli.GrepTraining HOME CORPUS}:
 * HOME a scratch data directory, CORPUS a folder of source text (the launcher's training extracts
 * the JDK's sources there first).
 */
public final class GrepTraining {

    private GrepTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GrepTraining HOME CORPUS");
            System.exit(2);
        }
        String[] first = {"grep"};
        Main.prepare(first);
        Path home = Path.of(args[0]);
        run(home, runs(args[1], smallFiles(home)));
        System.exit(0);
    }

    /**
     * The greps a cache is trained with: a realistic corpus (so the hot loops are run hot, as in
     * a real grep) and a few small files for the other output forms. Not {@code --json}: its
     * JSON library is 600 classes that every grep would load at start (a {@code --json} grep
     * loads them from the jars).
     */
    static String[][] runs(String corpus, Path small) {
        String dir = small.toString();
        return new String[][] {
            {"grep", "-c", "synchronized", corpus}, {"grep", "-c", "-i", "concurrenthashmap", corpus},
            {"grep", "-c", "\\bvoid\\s+\\w+\\(", corpus}, {"grep", "-F", "-c", "return", corpus},
            {"grep", "-c", "synchronized", dir}, {"grep", "-i", "-C", "1", "void\\s+\\w+", dir},
            {"grep", "-F", "-w", "run", dir}, {"grep", "synchronized", dir},
        };
    }

    /** The forms the grep training leaves out; the commands' training runs them. */
    static String[][] otherForms(Path small) {
        return new String[][] {{"grep", "-F", "-w", "--json", "run", small.toString()}};
    }

    /** A few small source files under {@code home}, for the runs on small files. */
    static Path smallFiles(Path home) throws IOException {
        Path files = Files.createDirectories(home.resolve("training"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(files.resolve("f" + i + ".java"),
                    "class F" + i + " {\n    synchronized void run() { /* training */ }\n}\n".repeat(20));
        }
        return files;
    }

    /** Runs each command line as the program does, on {@code home}, its output dropped. */
    static void run(Path home, String[][] runs) {
        for (String[] args : runs) {
            String[] all = new String[args.length + 2];
            all[0] = "--home";
            all[1] = home.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            WhiteMagicCommand.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), all);
        }
    }
}
