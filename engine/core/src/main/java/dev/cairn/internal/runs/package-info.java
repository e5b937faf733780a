/**
 * The client side of the embedded engine: triggering runs, reading them and waiting for them, pausing workflows,
 * bulk operations, and pushed events with the workflows they start ({@link dev.cairn.internal.runs.EventRouter}
 * stores an event once per key and id, wakes the steps waiting for it and starts each matching trigger's workflow
 * once; {@link dev.cairn.internal.runs.EventFilter} parses trigger filters).
 */
package dev.cairn.internal.runs;
