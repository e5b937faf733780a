/**
 * Cron schedules: {@link dev.cairn.internal.schedule.ScheduleService} keeps them (the {@link dev.cairn.Schedules}
 * API) and handles due ticks; {@link dev.cairn.internal.schedule.Scheduler} is the per-node loop that wakes at the
 * next due tick; {@link dev.cairn.internal.schedule.CronTicks} is the one place expressions are parsed.
 *
 * <p>Exactly one run per tick, with any number of nodes: the tick's run has the idempotency key
 * {@code cairn.schedule:<name>@<tick>}, so nodes that handle a tick at once start the same run, and a node that dies
 * after starting it and before moving the schedule on leaves the next node to find that run, not to start a second.
 * Moving the schedule on is a compare-and-set on its next due tick: one node's pass counts, the others' are
 * dropped. Nothing is locked while runs start (a trigger runs in its own transaction, as the fast path needs).
 */
package dev.cairn.internal.schedule;
