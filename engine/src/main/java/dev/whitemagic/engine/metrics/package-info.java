/**
 * Live machine metrics: {@link dev.whitemagic.engine.metrics.SystemMetrics} samples taken by the
 * {@link dev.whitemagic.engine.metrics.MetricsSampler} on its own thread through OSHI.
 *
 * <pre>{@code
 * engine.metrics().subscribe(m -> System.out.println(m.cpuPercent() + " %"));
 * }</pre>
 */
package dev.whitemagic.engine.metrics;
