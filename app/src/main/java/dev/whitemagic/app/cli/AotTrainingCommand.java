package dev.whitemagic.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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

    @picocli.CommandLine.Option(names = "--commands-only",
            description = "Train the commands only, not the window (the cache the commands start with).")
    boolean commandsOnly;

    @picocli.CommandLine.Option(names = "--corpus", paramLabel = "DIR",
            description = "Where the source text to grep is (extracted there when it is not yet).")
    Path corpusDir;

    @Override
    public Integer call() throws Exception {
        Path home = root.home;
        Path small = GrepTraining.smallFiles(home);
        String dir = small.toString();
        // A realistic grep, so the hot loops are run hot, as in a real one; the few small files
        // do not get them hot.
        String corpus = jdkSources(corpusDir != null ? corpusDir : home.resolve("training-corpus"),
                TRAINING_CORPUS_BYTES).toString();
        // as the program runs them (a plain grep without picocli, the others with that subcommand only)
        GrepTraining.run(home, GrepTraining.runs(corpus, small));
        GrepTraining.run(home, GrepTraining.otherForms(small));
        String[][] others = {
            {"read", dir}, {"scan", dir}, {"match", "-p", "run", "-p", "class", dir}, {"index", dir},
            {"similar", "--text", "run class", dir}, {"tier", "--tasks", "80"}, {"metrics"},
            {"snapshot", "--pane", "dashboard", "--out", home.resolve("training.png").toString(), "--wait", "1"},
        };
        for (String[] args : others) {
            if (commandsOnly && args[0].equals("snapshot")) {
                continue; // JavaFX: the window's, not a command's
            }
            GrepTraining.run(home, new String[][] {args});
        }
        return 0;
    }

    /** How much source text the training greps (the property is for measuring what the training gives). */
    private static final long TRAINING_CORPUS_BYTES = Long.getLong("whitemagic.aotTrainingBytes", 24L << 20);

    /**
     * About {@code bytes} of the JDK's own sources (lib/src.zip), extracted into {@code dir}: the
     * kind of text people grep. An empty folder when this JDK has no sources.
     */
    static Path jdkSources(Path dir, long bytes) throws IOException {
        Path complete = dir.resolve(".complete");
        if (Files.exists(complete)) {
            return dir; // made by an earlier training run (no zip classes in this one's cache)
        }
        Files.createDirectories(dir);
        Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (!Files.isRegularFile(zip)) {
            return dir;
        }
        long written = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; written < bytes && (e = in.getNextEntry()) != null; ) {
                Path target = dir.resolve(e.getName()).normalize();
                if (e.isDirectory() || !target.startsWith(dir) || !e.getName().endsWith(".java")) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                written += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createFile(complete);
        return dir;
    }
}
