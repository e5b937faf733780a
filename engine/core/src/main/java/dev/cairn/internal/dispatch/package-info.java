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
 * <h2>The local fast path</h2>
 * The dispatcher is also the node's {@link dev.cairn.internal.completion.LocalLeases}: a trigger's transaction
 * leases the new runs' first steps to this node's free slots, and a completion's transaction the steps it queued in
 * its runs (and, for a small batch, the steps it admits past the keys it just gave back), so they start right after
 * the commit, with no wake-up and no claim of their own. Only steps of runs the transaction holds locked are taken
 * (or, for a freed key's waiters, runs it can lock without waiting), so the fast path never waits for a lock out of
 * order; it never takes a rate key (a key every node shares would be held for a whole completion). A node killed
 * after such a commit leaves steps leased to it and not started: they come back when the lease runs out, like any
 * attempt of a dead node ({@code FastPathCrashTest}). A run going on may so take a freed slot ahead of older queued
 * steps of other runs (finishing what is started first); a new run never takes a run key ahead of older runs.
 *
 * <h2>Slots</h2>
 * A pool's free slots are its size minus the attempts the tracker follows for it (and for this node's threads, the
 * threads really busy). A worker that has been silent for half a lease has no free slots. The dispatcher and a
 * fast path may both claim for the last free slot of this node: the surplus attempt waits in a short backlog for
 * the next freed slot, leased and renewed like a running one.
 */
package dev.cairn.internal.dispatch;
