package dev.whitemagic.app.cli;

import dev.whitemagic.engine.internal.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** One line for an I/O failure that reached the command line: what was being done, where, and why. */
final class IoErrors {

    /** The engine's temp files (temp + move) are named so; a message names their folder instead. */
    private static final String TEMP_PREFIX = ".wm-tmp-";

    private IoErrors() {}

    /** The line for {@code e} if an I/O failure is its cause (through wrappers), else {@code null}. */
    static String describe(Throwable e) {
        String context = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException u) {
                if (context == null && u.getCause() != null && u.getMessage() != null
                        && !u.getMessage().equals(u.getCause().toString())) {
                    context = u.getMessage();
                }
            } else if (t instanceof IOException io) {
                return line(context, io);
            }
        }
        return null;
    }

    private static String line(String context, IOException io) {
        String why = SafeFiles.describe(io);
        String where = null;
        if (io instanceof FileSystemException f && f.getFile() != null) {
            Path file = Path.of(f.getFile());
            boolean temp = file.getFileName() != null && file.getFileName().toString().startsWith(TEMP_PREFIX);
            where = temp && file.getParent() != null ? file.getParent().toString() : f.getFile();
            if (why.contains(where) || (context != null && context.contains(where))) {
                where = null;
            }
        }
        StringBuilder sb = new StringBuilder();
        if (context != null) {
            sb.append(context).append(": ");
        }
        if (where != null) {
            sb.append(where).append(": ");
        }
        return sb.append(why).toString();
    }
}
