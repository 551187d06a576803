package dev.whitemagic.app.files;

import java.util.Locale;

/** Sizes as people type them: 64MiB, 500k, 2g, 1048576. */
public final class Sizes {

    private Sizes() {}

    /**
     * Bytes for "64 MiB", "500k", "2g", "1048576".
     *
     * @throws IllegalArgumentException with a message for people, when it is not a size above 0
     */
    public static long parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"kb", "1024"},
            {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};
        for (String[] u : units) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length());
                break;
            }
        }
        try {
            double v = Double.parseDouble(t);
            if (v > 0) {
                return (long) (v * unit);
            }
        } catch (NumberFormatException ignored) {
            // falls through
        }
        throw new IllegalArgumentException("'" + text + "' is not a size (try 64 MiB, 500k or 2g)");
    }
}
