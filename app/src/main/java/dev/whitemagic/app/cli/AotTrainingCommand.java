package dev.whitemagic.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The launcher's training run for Java's ahead-of-time cache: one process that does what people
 * start the program for — the window (rendered headless) and the file commands on a few files —
 * so the classes they load are cached. Hidden; not for people.
 */
@Command(name = "aot-training", hidden = true)
final class AotTrainingCommand implements Callable<Integer> {

    @ParentCommand
    WhiteMagicCommand root;

    @Override
    public Integer call() throws Exception {
        Path home = root.home;
        Path files = Files.createDirectories(home.resolve("training"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(files.resolve("f" + i + ".java"),
                    "class F" + i + " {\n    synchronized void run() { /* training */ }\n}\n".repeat(20));
        }
        String dir = files.toString();
        String[][] runs = {
            {"grep", "-c", "synchronized", dir}, {"grep", "-i", "-C", "1", "void\\s+\\w+", dir},
            {"grep", "-F", "-w", "--json", "run", dir}, {"read", dir}, {"scan", dir},
            {"match", "-p", "run", "-p", "class", dir}, {"index", dir}, {"similar", "--text", "run class", dir},
            {"tier", "--tasks", "80"}, {"metrics"},
            {"snapshot", "--pane", "dashboard", "--out", home.resolve("training.png").toString(), "--wait", "1"},
        };
        for (String[] args : runs) {
            CommandLine cli = WhiteMagicCommand.commandLine();
            cli.setOut(new PrintWriter(new StringWriter()));
            cli.setErr(new PrintWriter(new StringWriter()));
            String[] all = new String[args.length + 2];
            all[0] = "--home";
            all[1] = home.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            cli.execute(all);
        }
        return 0;
    }
}
