package dev.whitemagic.engine.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WhiteMagic's markdown format for one memory, read and written exactly: a frontmatter block
 * ({@code title}, {@code created}, optional {@code updated}, {@code tags}, any other keys kept
 * verbatim) and the body; file names {@code YYYYMMDD_HHMMSS_<slug>.md}.
 *
 * <p>Readers accept {@code tags: a, b}, {@code tags: ["a", "b"]}, {@code tags: [a, b]} and a YAML
 * block list ({@code tags:} then {@code - a} lines); {@code created} with or without {@code Z}, with
 * an offset or fractional seconds; CRLF line ends and a byte-order mark. A file without
 * frontmatter is a memory whose title comes from its file name. Malformed frontmatter (no closing
 * {@code ---}, a line that is not {@code key: value}, an unreadable date) never fails: the memory
 * is read with {@link Memory#warning()} set, and the body is kept.
 *
 * <pre>{@code
 * Memory m = MemoryFormat.parse(text, "20250101_120000_example", MemoryType.SHORT_TERM, null);
 * String text2 = MemoryFormat.write(m);                        // same keys, same body
 * MemoryFormat.slug("Hello, World - 2!");                      // "hello_world_2"
 * MemoryFormat.fileName(Instant.parse("2025-01-01T12:00:00Z"), "Example"); // 20250101_120000_example.md
 * }</pre>
 */
public final class MemoryFormat {

    /** Longest slug in a file name. */
    public static final int MAX_SLUG = 50;

    /**
     * The largest memory file, 16 MiB: a store does not read larger files, and does not write a
     * memory that would make one ({@link MemoryDraft}, {@link MemoryUpdate} refuse it).
     */
    public static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

    /** Frontmatter bytes besides the title, tags and extra keys: fences, key names, dates. */
    private static final int FRONTMATTER_OVERHEAD = 128;

    private static final Set<String> KNOWN = Set.of("title", "created", "updated", "tags");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern NOT_SLUG = Pattern.compile("[^\\w\\s-]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern STAMP = Pattern.compile("^(\\d{8})_(\\d{6})(?:_|$)");
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private MemoryFormat() {}

    /**
     * Reads one memory file's text.
     *
     * @param id       the file name without {@code .md}
     * @param fallback the creation time when neither frontmatter nor file name has one (the file
     *                 time); {@code null} for now
     */
    public static Memory parse(String text, String id, MemoryType type, Instant fallback) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        s = s.replace("\r\n", "\n");
        List<String> warnings = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> blockTags = null;
        String body = s;
        if (s.startsWith("---\n") || s.equals("---")) {
            int end = closing(s);
            if (end < 0) {
                warnings.add("frontmatter is not closed (no second ---); read as body");
            } else {
                String block = s.substring(4, Math.max(4, end));
                int after = s.indexOf('\n', end);
                body = after < 0 ? "" : s.substring(after + 1);
                String[] lines = block.isEmpty() ? new String[0] : block.split("\n", -1);
                String lastKey = null;
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i];
                    if (line.isBlank() || line.stripLeading().startsWith("#")) {
                        continue;
                    }
                    String st = line.strip();
                    if (st.startsWith("- ") && "tags".equals(lastKey) && keys.get("tags").isEmpty()) {
                        if (blockTags == null) {
                            blockTags = new ArrayList<>();
                        }
                        blockTags.add(unquote(st.substring(2).strip()));
                        continue;
                    }
                    int colon = line.indexOf(':');
                    String key = colon < 0 ? null : line.substring(0, colon).strip();
                    if (key == null || !KEY.matcher(key).matches()) {
                        warnings.add("frontmatter line " + (i + 2) + " is not 'key: value': " + abbreviate(st));
                        lastKey = null;
                        continue;
                    }
                    keys.put(key, line.substring(colon + 1).strip());
                    lastKey = key;
                }
            }
        }
        String title = unquote(keys.getOrDefault("title", ""));
        if (title.isBlank()) {
            title = titleFromId(id);
        }
        Instant created = null;
        if (keys.containsKey("created")) {
            created = parseTime(keys.get("created"));
            if (created == null) {
                warnings.add("created is not a date: " + abbreviate(keys.get("created")));
            }
        }
        if (created == null) {
            created = timeFromId(id);
        }
        if (created == null) {
            created = fallback != null ? fallback : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        Instant updated = null;
        if (keys.containsKey("updated")) {
            updated = parseTime(keys.get("updated"));
            if (updated == null) {
                warnings.add("updated is not a date: " + abbreviate(keys.get("updated")));
            }
        }
        List<String> tags = blockTags != null ? blockTags : parseTags(keys.getOrDefault("tags", ""));
        Map<String, String> extra = new LinkedHashMap<>(keys);
        extra.keySet().removeAll(KNOWN);
        String warning = warnings.isEmpty() ? null : String.join("; ", warnings);
        return new Memory(id, title, body, tags, type, created, updated, null, extra, warning);
    }

    /** The file text for a memory: frontmatter then body. */
    public static String write(Memory m) {
        StringBuilder sb = new StringBuilder(m.content().length() + 128);
        sb.append("---\n");
        String title = oneLine(m.title());
        if (title.startsWith("\"") || title.startsWith("'")) {
            title = '"' + title + '"'; // the reader strips one pair of quotes
        }
        sb.append("title: ").append(title).append('\n');
        sb.append("created: ").append(m.created()).append('\n');
        if (m.updated() != null) {
            sb.append("updated: ").append(m.updated()).append('\n');
        }
        sb.append("tags: ").append(formatTags(m.tags())).append('\n');
        m.extra().forEach((k, v) -> sb.append(k).append(": ").append(oneLine(v)).append('\n'));
        sb.append("---\n");
        sb.append(m.content());
        return sb.toString();
    }

    /**
     * At least as many bytes as {@link #write} gives in UTF-8 for a memory with these parts (a
     * title may gain quotes, a tag quotes and escapes): a cheap check against
     * {@link #MAX_FILE_SIZE} before anything is written.
     */
    static long fileSizeBound(String title, String content, List<String> tags, Map<String, String> extra) {
        long n = FRONTMATTER_OVERHEAD + utf8Length(title) + utf8Length(content);
        for (String t : tags) {
            n += 2 * utf8Length(t) + 4;
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            n += utf8Length(e.getKey()) + utf8Length(e.getValue()) + 3;
        }
        return n;
    }

    /** The UTF-8 length of {@code s} (a lone surrogate, written as {@code ?}, counted as two). */
    static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }

    /** Why a memory of {@code size} bytes cannot be written, or {@code null} if it can. */
    static String sizeProblem(long size) {
        return size <= MAX_FILE_SIZE ? null
                : "too large: " + mebibytes(size) + " as a file, and a memory may be at most " + mebibytes(MAX_FILE_SIZE)
                        + " (larger files are not read)";
    }

    /** {@code 16 MiB}, {@code 16.5 MiB}. */
    static String mebibytes(long bytes) {
        double m = bytes / (1024.0 * 1024.0);
        return (m == Math.rint(m) ? String.valueOf((long) m) : String.format(Locale.ROOT, "%.1f", m)) + " MiB";
    }

    /**
     * The slug of a title: lower case, only word characters, spaces and hyphens kept, runs of
     * spaces/hyphens turned into {@code _}, at most {@value #MAX_SLUG} characters; {@code memory}
     * when nothing is left.
     */
    public static String slug(String title) {
        String s = title == null ? "" : title.strip().toLowerCase(Locale.ROOT);
        s = NOT_SLUG.matcher(s).replaceAll("");
        s = SEPARATORS.matcher(s.strip()).replaceAll("_");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG);
        }
        return s.isEmpty() ? "memory" : s;
    }

    /** {@code YYYYMMDD_HHMMSS_<slug>.md} for a creation time (UTC) and a title. */
    public static String fileName(Instant created, String title) {
        return NAME_TIME.format(created) + "_" + slug(title) + ".md";
    }

    /** Reads a frontmatter date: an instant, an offset date-time, or a local date-time taken as UTC. */
    public static Instant parseTime(String raw) {
        String s = unquote(raw == null ? "" : raw.strip());
        if (s.isEmpty()) {
            return null;
        }
        s = s.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            // try without an offset
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try a date alone
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code a, b}, {@code ["a", "b"]} or {@code [a, b]} as a list. */
    static List<String> parseTags(String raw) {
        String s = raw.strip();
        List<String> out = new ArrayList<>();
        if (s.startsWith("[") && s.endsWith("]")) {
            String inner = s.substring(1, s.length() - 1);
            Matcher q = Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'([^']*)'|([^,]+))").matcher(inner);
            while (q.find()) {
                String t = q.group(1) != null ? q.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                        : q.group(2) != null ? q.group(2) : q.group(3).strip();
                out.add(t);
            }
        } else if (!s.isEmpty()) {
            for (String t : s.split(",")) {
                out.add(unquote(t.strip()));
            }
        }
        return out;
    }

    /** {@code a, b}; the JSON list form when a tag holds a comma or quote. */
    static String formatTags(List<String> tags) {
        boolean plain = tags.stream().noneMatch(t -> t.contains(",") || t.contains("\"") || t.startsWith("[")
                || t.startsWith("'"));
        if (plain) {
            return String.join(", ", tags);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"').append(tags.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }

    /** The creation time encoded in a file name ({@code YYYYMMDD_HHMMSS_…}), or {@code null}. */
    static Instant timeFromId(String id) {
        Matcher m = STAMP.matcher(id);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDateTime.parse(m.group(1) + m.group(2), DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    static boolean isKnownKey(String key) {
        return KNOWN.contains(key);
    }

    private static String titleFromId(String id) {
        String s = STAMP.matcher(id).replaceFirst("").replace('_', ' ').strip();
        return s.isEmpty() ? id : s;
    }

    /** Index of the line "---" closing the frontmatter (after the opening one), or -1. */
    private static int closing(String s) {
        int from = 4;
        while (from <= s.length()) {
            int nl = s.indexOf('\n', from);
            String line = nl < 0 ? s.substring(from) : s.substring(from, nl);
            if (line.strip().equals("---")) {
                return from;
            }
            if (nl < 0) {
                return -1;
            }
            from = nl + 1;
        }
        return -1;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
