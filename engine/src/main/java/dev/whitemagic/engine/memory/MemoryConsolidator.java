package dev.whitemagic.engine.memory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Consolidation, the seed's two kinds, and nothing destroyed: originals are archived, never deleted.
 *
 * <ul>
 *   <li>{@link #consolidateShortTerm}: short-term memories older than the retention period are
 *       either promoted to long-term (tagged {@code heuristic}, {@code pattern}, {@code proven},
 *       {@code decision} or {@code insight}) or gathered into one long-term "Consolidated Insights —
 *       date" memory and archived.
 *   <li>{@link #smartConsolidate}: groups of non-archived memories by date, by tag set or by
 *       near-duplicate text (Jaccard over word shingles, MinHash/LSH); a dry run returns the plan,
 *       otherwise each group is merged into one memory and its members archived.
 * </ul>
 * Each applied consolidation is logged in {@code metadata.json}'s {@code consolidation_log}.
 *
 * <pre>{@code
 * MemoryConsolidator c = new MemoryConsolidator(store);
 * ShortTermConsolidation r = c.consolidateShortTerm(MemoryConsolidator.DEFAULT_RETENTION, false);
 * ConsolidationPlan plan = c.smartConsolidate(ConsolidationStrategy.BY_SIMILARITY, 0.8, 10, true);
 * c.apply(plan.strategy(), plan.groups());      // or only the groups a person chose
 * }</pre>
 */
public final class MemoryConsolidator {

    /** Short-term memories older than this are consolidated by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** Tags that promote a short-term memory to long-term. */
    public static final Set<String> PROMOTE_TAGS = Set.of("heuristic", "pattern", "proven", "decision", "insight");
    /** Key of the frontmatter entry listing the ids a merged memory came from. */
    public static final String MERGED_FROM = "merged_from";

    private final MemoryStore store;
    private final Clock clock;

    public MemoryConsolidator(MemoryStore store) {
        this(store, Clock.systemUTC());
    }

    /** With a clock, for "older than the retention period" and the dates in titles. */
    public MemoryConsolidator(MemoryStore store, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * The seed's {@code consolidate_short_term}. Applied as one batch (the summary, the promoted
     * and the archived copies written, then the originals removed): after a kill at any moment
     * the next open shows all of it or none of it. The memories are chosen again inside the write
     * session, so a consolidation that waited for another process's sees what that one left.
     */
    public ShortTermConsolidation consolidateShortTerm(Duration retention, boolean dryRun) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (dryRun) {
            ShortTermPlan plan = shortTermPlan(now, retention);
            return new ShortTermConsolidation(plan.promote(), plan.archive(), null, true);
        }
        Map<String, Object> log = new LinkedHashMap<>();
        ShortTermConsolidation[] done = new ShortTermConsolidation[1];
        store.write("a consolidation", () -> {
            ShortTermPlan plan = shortTermPlan(now, retention);
            List<Memory> written = new ArrayList<>();
            List<Path> removed = new ArrayList<>();
            for (String id : plan.promote()) {
                Memory m = store.current(id);
                written.add(store.movedCopy(m, MemoryType.LONG_TERM));
                removed.add(m.path());
            }
            String sid = null;
            if (!plan.gather().isEmpty()) {
                String date = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
                List<String> tags = new ArrayList<>();
                plan.gather().forEach(m -> tags.addAll(m.tags()));
                tags.add("consolidated");
                StringBuilder body = new StringBuilder("Gathered from " + plan.gather().size()
                        + " short-term memories older than " + retention.toDays() + " days.\n\n");
                plan.gather().forEach(m -> section(body, m));
                Memory summary = store.newMemory(new MemoryDraft("Consolidated Insights — " + date, body.toString(), tags,
                        MemoryType.LONG_TERM, Map.of(MERGED_FROM, String.join(", ", plan.archive()))), now, new HashSet<>());
                sid = summary.id();
                written.add(summary);
                for (Memory m : plan.gather()) {
                    written.add(store.archivedCopy(m, now));
                    removed.add(m.path());
                }
            }
            if (!written.isEmpty()) {
                store.applyBatch(written, removed);
            }
            log.put("timestamp", now.toString());
            log.put("operation", "consolidate_short_term");
            log.put("retention_days", retention.toDays());
            log.put("promoted", plan.promote());
            log.put("archived", plan.archive());
            log.put("summary_id", sid);
            done[0] = new ShortTermConsolidation(plan.promote(), plan.archive(), sid, false);
            return sid;
        }, log);
        return done[0];
    }

    /** Which short-term memories are promoted and which gathered. */
    private record ShortTermPlan(List<String> promote, List<Memory> gather) {
        List<String> archive() {
            return gather.stream().map(Memory::id).toList();
        }
    }

    private ShortTermPlan shortTermPlan(Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        List<String> promote = new ArrayList<>();
        List<Memory> gather = new ArrayList<>();
        for (Memory m : store.list(MemoryType.SHORT_TERM, false, MemorySort.OLDEST_FIRST)) {
            if (!m.created().isBefore(cutoff)) {
                continue;
            }
            if (m.tags().stream().anyMatch(t -> PROMOTE_TAGS.contains(t.toLowerCase(Locale.ROOT)))) {
                promote.add(m.id());
            } else {
                gather.add(m);
            }
        }
        return new ShortTermPlan(promote, gather);
    }

    /**
     * Plans (and unless {@code dryRun}, applies) groups of non-archived memories to merge.
     *
     * @param minSimilarity for {@link ConsolidationStrategy#BY_SIMILARITY}: the Jaccard similarity
     *                      (0–1) at which two memories are near-duplicates; ignored otherwise
     * @param maxGroupSize  larger groups are split, oldest first, into groups of at most this many (at least 2)
     */
    public ConsolidationPlan smartConsolidate(ConsolidationStrategy strategy, double minSimilarity, int maxGroupSize,
            boolean dryRun) {
        List<Memory> all = store.list(null, false, MemorySort.OLDEST_FIRST);
        List<List<Memory>> raw = new ArrayList<>();
        List<Double> sims = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        switch (strategy) {
            case BY_DATE -> {
                Map<LocalDate, List<Memory>> byDay = new LinkedHashMap<>();
                all.forEach(m -> byDay.computeIfAbsent(LocalDate.ofInstant(m.created(), ZoneOffset.UTC), d -> new ArrayList<>()).add(m));
                byDay.forEach((d, ms) -> add(raw, sims, keys, ms, 0, d.toString()));
            }
            case BY_TAGS -> {
                Map<Set<String>, List<Memory>> byTags = new LinkedHashMap<>();
                for (Memory m : all) {
                    if (!m.tags().isEmpty()) {
                        TreeSet<String> k = new TreeSet<>();
                        m.tags().forEach(t -> k.add(t.toLowerCase(Locale.ROOT)));
                        byTags.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
                    }
                }
                byTags.forEach((k, ms) -> add(raw, sims, keys, ms, 0, String.join(", ", k)));
            }
            case BY_SIMILARITY -> {
                List<String> texts = all.stream().map(m -> m.title() + "\n" + m.content()).toList();
                for (NearDuplicates.Group g : NearDuplicates.find(texts, minSimilarity, store.executor)) {
                    List<Memory> ms = new ArrayList<>();
                    for (int i : g.members()) {
                        ms.add(all.get(i));
                    }
                    add(raw, sims, keys, ms, g.minSimilarity(), "similar to " + ms.get(0).title());
                }
            }
        }
        int max = Math.max(2, maxGroupSize);
        List<ConsolidationGroup> groups = new ArrayList<>();
        for (int g = 0; g < raw.size(); g++) {
            List<Memory> ms = raw.get(g);
            for (int from = 0; from + 1 < ms.size(); from += max) {
                List<Memory> part = ms.subList(from, Math.min(ms.size(), from + max));
                String title = strategy == ConsolidationStrategy.BY_SIMILARITY ? part.get(0).title()
                        : "Consolidated — " + keys.get(g);
                groups.add(new ConsolidationGroup(keys.get(g), part.stream().map(Memory::id).toList(),
                        part.stream().map(Memory::title).toList(), sims.get(g), title));
            }
        }
        groups.sort(Comparator.comparing((ConsolidationGroup c) -> c.memoryIds().get(0)));
        return dryRun ? new ConsolidationPlan(strategy, groups, true, List.of()) : apply(strategy, groups);
    }

    private static void add(List<List<Memory>> raw, List<Double> sims, List<String> keys, List<Memory> ms, double sim,
            String key) {
        if (ms.size() > 1) {
            raw.add(ms);
            sims.add(sim);
            keys.add(key);
        }
    }

    /**
     * Merges each group into one memory (sections per member, tags united, long-term if any member
     * was, {@value #MERGED_FROM} listing the members) and archives the members, all groups as one
     * batch: after a kill at any moment the next open shows each group merged with all its members
     * archived, or untouched. Groups with a member that no longer exists or is archived (another
     * process consolidated it meanwhile) are skipped; the plan returned holds the groups applied.
     */
    public ConsolidationPlan apply(ConsolidationStrategy strategy, List<ConsolidationGroup> groups) {
        Map<String, Object> log = new LinkedHashMap<>();
        List<ConsolidationGroup> applied = new ArrayList<>();
        List<String> merged = store.write("a consolidation", () -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Set<String> reserved = new HashSet<>();
            Set<String> taken = new HashSet<>();
            List<String> ids = new ArrayList<>();
            List<Memory> written = new ArrayList<>();
            List<Path> removed = new ArrayList<>();
            for (ConsolidationGroup g : groups) {
                List<Memory> ms = new ArrayList<>();
                for (String id : g.memoryIds()) {
                    Memory m = store.current(id);
                    if (m != null && m.type() != MemoryType.ARCHIVE && !taken.contains(id)) {
                        ms.add(m);
                    }
                }
                if (ms.size() != g.memoryIds().size() || ms.size() < 2) {
                    continue;
                }
                StringBuilder body = new StringBuilder();
                List<String> tags = new ArrayList<>();
                ms.forEach(m -> {
                    section(body, m);
                    tags.addAll(m.tags());
                });
                MemoryType type = ms.stream().anyMatch(m -> m.type() == MemoryType.LONG_TERM) ? MemoryType.LONG_TERM
                        : MemoryType.SHORT_TERM;
                MemoryDraft draft = new MemoryDraft(g.mergedTitle(), body.toString(), tags, type,
                        Map.of(MERGED_FROM, String.join(", ", g.memoryIds())));
                if (draft.problem() != null) {
                    continue;
                }
                Memory m = store.newMemory(draft, now, reserved);
                written.add(m);
                for (Memory member : ms) {
                    written.add(store.archivedCopy(member, now));
                    removed.add(member.path());
                    taken.add(member.id());
                }
                applied.add(g);
                ids.add(m.id());
            }
            if (!written.isEmpty()) {
                store.applyBatch(written, removed);
            }
            log.put("timestamp", now.toString());
            log.put("operation", "smart_consolidate");
            log.put("strategy", strategy.seedName());
            log.put("groups", applied.size());
            log.put("merged_ids", ids);
            log.put("archived", applied.stream().flatMap(g -> g.memoryIds().stream()).toList());
            return ids;
        }, log);
        return new ConsolidationPlan(strategy, applied, false, merged);
    }

    private static void section(StringBuilder body, Memory m) {
        body.append("## ").append(m.title()).append("\n\n").append(m.content().strip()).append("\n\n");
    }
}
