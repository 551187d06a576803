package dev.whitemagic.engine.text;

/**
 * A word and how often it occurs.
 *
 * <pre>{@code
 * WordIndex.top(perFile, 3, 10, executor).forEach(w -> System.out.println(w.word() + " " + w.count()));
 * }</pre>
 */
public record WordCount(String word, long count) {}
