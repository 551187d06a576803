/**
 * The WhiteMagic engine: parallel work on files, memories, job queues and pipelines, with
 * concurrency that adapts to the machine. Start at {@link dev.whitemagic.engine.WhiteMagicEngine}.
 *
 * <pre>{@code
 * try (WhiteMagicEngine engine = WhiteMagicEngine.builder().build()) {
 *     engine.metrics().latest().ifPresent(m -> System.out.println(m.cpuPercent()));
 * }
 * }</pre>
 */
package dev.whitemagic.engine;
