/**
 * Memories: notes with a title, tags and a type, stored in WhiteMagic's own folder format, with a
 * Lucene search index derived from them.
 *
 * <ul>
 *   <li>{@link dev.whitemagic.engine.memory.MemoryStore} opens a data directory
 *       ({@code memory/short_term}, {@code long_term}, {@code archive}, one markdown file per
 *       memory, {@code metadata.json}); create, read, update, delete (archive or permanent),
 *       restore, list, {@code search}; outside edits are picked up on open and
 *       {@link dev.whitemagic.engine.memory.MemoryStore#refresh()}.
 *   <li>{@link dev.whitemagic.engine.memory.MemoryFormat} reads and writes one file exactly
 *       (both tag styles, dates with or without {@code Z}, unknown keys kept, malformed
 *       frontmatter read with a warning) and makes file names.
 *   <li>{@link dev.whitemagic.engine.memory.ParallelMemoryManager}: many queries at once with a
 *       merged, deduplicated answer; atomic (crash-safe) batch create; batch update.
 *   <li>{@link dev.whitemagic.engine.memory.MemoryConsolidator}: the seed's short-term
 *       consolidation and smart consolidation by date, tags or near-duplicate text.
 *   <li>{@link dev.whitemagic.engine.memory.MarkdownImport} reads markdown files into drafts (with
 *       the file reader's checks); {@link dev.whitemagic.engine.memory.MemoryExport} writes
 *       memories into a folder in the same layout, never through a symbolic link.
 * </ul>
 *
 * <p>Hostile input is refused or skipped with a message, never followed: no memory file over
 * {@link dev.whitemagic.engine.memory.MemoryFormat#MAX_FILE_SIZE} is written or read, symbolic
 * links in the memory folders are skipped (a problem each), a damaged {@code metadata.json} is set
 * aside and rewritten on open, and a store on a read-only folder opens for reading (its search
 * index in memory).
 *
 * <p>The markdown files are the source of truth; deleting {@code home/index} loses nothing.
 * Results are immutable records; per-item failures are values
 * ({@link dev.whitemagic.engine.memory.BatchCreateResult.Item#error()},
 * {@link dev.whitemagic.engine.memory.UpdateResult#error()},
 * {@link dev.whitemagic.engine.memory.Memory#warning()}).
 *
 * <pre>{@code
 * try (MemoryStore store = MemoryStore.open(home, executor)) {
 *     store.create(MemoryDraft.of("Deploy notes", "Run the migration first.", "ops"));
 *     ParallelMemoryManager manager = new ParallelMemoryManager(store);
 *     MultiSearchResult r = manager.parallelSearch(List.of("deploy*", "\"database migration\""), true, 8);
 *     r.merged().forEach(h -> System.out.println(h.hit().title() + " " + h.queries()));
 *     new MemoryConsolidator(store).smartConsolidate(ConsolidationStrategy.BY_SIMILARITY, 0.8, 10, true);
 * }
 * }</pre>
 */
package dev.whitemagic.engine.memory;
