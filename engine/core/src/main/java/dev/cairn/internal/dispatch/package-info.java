/**
 * Running steps: one lifecycle for an attempt, on this node's slots or on a remote worker.
 *
 * <ul>
 *   <li>{@link dev.cairn.internal.dispatch.Dispatcher}: the one claim loop, over every
 *       {@link dev.cairn.internal.dispatch.SlotPool} with free slots ({@link dev.cairn.internal.dispatch.LocalSlots}
 *       for this node's threads, a worker session for each connected worker).</li>
 *   <li>{@link dev.cairn.internal.dispatch.AttemptTracker}: follows each attempt to its end (result, timeout,
 *       cancellation, lost lease: the first decides), times it, renews its lease, and makes the one retry decision
 *       ({@link dev.cairn.internal.dispatch.RetryDecision}).</li>
 *   <li>{@link dev.cairn.internal.dispatch.LeaseKeeper}: renews the leases of this node's own attempts; a worker's
 *       are renewed on its heartbeats.</li>
 * </ul>
 *
 * <h2>Leases</h2>
 * A claimed step is RUNNING with a lease (default 30 s) leased to its pool's holder in the same statement that
 * claimed it. If PostgreSQL says an attempt no longer holds its lease (a sweeper took it back after it expired,
 * e.g. after a long pause of its process), the attempt is stopped and its result will be refused by the fence; a
 * row that another transaction holds at that moment is not a lost lease. Execution deadlines are timed by the
 * engine's clock; lease deadlines by PostgreSQL's.
 *
 * <h2>Slots</h2>
 * A pool's free slots are its size minus the attempts the tracker follows for it (and for this node's threads, the
 * threads really busy). A worker that has been silent for half a lease has no free slots.
 */
package dev.cairn.internal.dispatch;
