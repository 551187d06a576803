/**
 * Batch text kernels over files: grep (RE2/J with a byte-level literal fast path, ripgrep's
 * semantics), many-pattern counting (Aho-Corasick), word index (map-reduce), similarity
 * (Jaccard, TF-IDF cosine, near duplicates) and a per-file scan summary.
 *
 * <p>Everything starts at {@link dev.whitemagic.engine.text.TextKernels}; each kernel returns a
 * {@link dev.whitemagic.engine.BatchHandle} of per-file results, and each has a pure function on
 * a string for tests and pipelines ({@code GrepPattern.search}, {@code MultiPattern.count},
 * {@code WordIndex.count}, {@code Similarity.fastSimilarity}, {@code FileStats.of}).
 *
 * <pre>{@code
 * TextKernels text = new TextKernels(engine.cpuExecutor(), 2);
 * GrepPattern p = GrepPattern.compile("TODO", GrepOptions.defaults().withFixedStrings(true));
 * text.grep(p, paths).result().join().forEach(r -> r.lines().forEach(System.out::println));
 * List<WordCount> top = WordIndex.top(text.index(paths).result().join(), 3, 20, engine.cpuExecutor());
 * }</pre>
 */
package dev.whitemagic.engine.text;
