package dev.whitemagic.app;

import dev.whitemagic.app.cli.WhiteMagicCommand;
import dev.whitemagic.engine.internal.NativeFiles;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code whitemagic} program: the workbench with no argument, a command otherwise. */
public final class Main {

    /**
     * JavaFX warns that it runs from the class path; it is supported in practice and the warning
     * only confuses users. Held here so the logger (and its level) is not collected.
     */
    private static final Logger FX_STARTUP = Logger.getLogger("javafx");

    /** Lucene suggests an incubator module at every start; the engine does not use vectors. */
    private static final Logger LUCENE_VECTORS = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Main() {}

    /** Commands that walk folders and read files at once. */
    private static final Set<String> FILE_COMMANDS = Set.of("grep", "read", "scan", "match",
            "index", "similar");

    public static void main(String[] args) {
        prepare(args);
        System.exit(WhiteMagicCommand.run(args));
    }

    /** What the program does before it reads its command line (also the AOT training's first step). */
    public static void prepare(String[] args) {
        if (args.length > 0 && FILE_COMMANDS.contains(args[0])) {
            // on the spare core while the command line is read: the native file functions are linked
            NativeFiles.linkInBackground();
        }
        FX_STARTUP.setLevel(Level.SEVERE);
        LUCENE_VECTORS.setLevel(Level.SEVERE);
    }
}
