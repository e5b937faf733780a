package dev.cairn.db;

import java.time.Instant;

/**
 * One row of the engine's SQL gauges ({@link MetricStore#stepQueueGauges()}).
 *
 * @param part "queue" (name: a workflow; count: its queued steps; since: when its longest-waiting runnable step
 *     became runnable, null when none is runnable yet) or "runs" (name: a status; count: unfinished runs in it)
 */
public record GaugeRow(String part, String name, long count, Instant since) {}
