/**
 * Running steps on this node: the {@link dev.cairn.internal.dispatch.Dispatcher} claims queued steps for free
 * slots, the {@link dev.cairn.internal.dispatch.StepRunner} runs one attempt, the
 * {@link dev.cairn.internal.dispatch.LeaseKeeper} renews the leases of running attempts.
 *
 * <h2>Leases</h2>
 * A claimed step is RUNNING with a lease (default 30 s) in the same statement that claimed it. The lease keeper
 * renews every running attempt's lease each third of the lease term, in one statement. If PostgreSQL says an
 * attempt no longer holds its lease (a sweeper took it back after it expired, e.g. after a long pause of this
 * process), the attempt is interrupted and its result will be refused by the fence. Execution deadlines are
 * timed by this node's monotonic clock; lease deadlines by PostgreSQL's clock.
 *
 * <h2>Slots</h2>
 * A slot is taken when a step is claimed and given back when the attempt's thread is done with it, even when
 * the attempt's failure was reported earlier (a timeout reports at the deadline, the thread may take longer to
 * notice its interrupt): a slot count never exceeds the threads really busy.
 */
package dev.cairn.internal.dispatch;
