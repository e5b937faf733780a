/**
 * Completion: the single writer through which every step transition of this node passes.
 *
 * <h2>Batching</h2>
 * Runners, sweepers and the dispatcher submit {@link dev.cairn.internal.completion.StepOutcome}s; the
 * {@link dev.cairn.internal.completion.Completer} thread takes whatever is waiting (at least one, at most a
 * batch) and applies it in one transaction, so a lone result is written at once and a burst shares one commit.
 * A slot whose step returned while no other attempt runs on this node and nothing is being written writes its
 * result itself ({@link dev.cairn.internal.completion.Completer#submitHere}), under the same lock as the completer's
 * thread: one writer at a time, and one hand-over fewer between a lone step and its run's waiter.
 * Nothing is acknowledged (futures completed, waiters woken) before the commit. The steps a batch makes claimable
 * are leased to this node's free slots in the same transaction ({@link dev.cairn.internal.completion.LocalLeases})
 * and handed to them right after the commit. A batch of successes that each end their run (see
 * {@link dev.cairn.internal.completion.StepOutcome.Succeeded#endsRun}) is written in one round trip, its commit
 * included; the database refuses it when a run does not end, and the batch is then written the general way.
 *
 * <h2>Locks and fencing</h2>
 * A batch first locks the rows of the runs it touches, in id order, so completers of several nodes serialise per
 * run and never deadlock with each other. Under that lock it decides run-level questions (is the run finished,
 * did it fail, which sequence numbers do its events get). Every step update is fenced by the attempt number and
 * the expected status: a result from an attempt that is no longer current matches no row and is refused.
 *
 * <h2>Clocks</h2>
 * Lease deadlines, backoff and schedule deadlines are computed by PostgreSQL's clock ({@code now()}), the one
 * clock all nodes share; a node's own clock only times its local execution deadlines.
 */
package dev.cairn.internal.completion;
