package dev.cairn.internal.completion;

import dev.cairn.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the {@link Completer} tells the rest of the node after a commit. Called by the writer after each commit, one
 * at a time: the completer thread, or a slot writing its lone result.
 */
public interface CompletionSignals {
  /**
   * Steps became queued now ({@code delayMillis} 0) or will be available after {@code delayMillis}; the commit
   * leased {@code leasedHere} of them to this node's slots already (the fast path).
   */
  void stepsQueued(int count, int leasedHere, long delayMillis);

  /** A transaction wrote {@code count} outcomes and committed after {@code took} (for metrics). */
  void outcomesWritten(int count, Duration took);

  /** Concurrency keys were given back: steps waiting behind them may be admitted. */
  void keysReleased();

  /**
   * Runs reached a final status; {@code outputs} holds the terminal step's output JSON of those that succeeded with
   * it written in the same transaction.
   */
  void runsFinished(Map<UUID, RunStatus> runs, Map<UUID, String> workflowOfRun, Map<UUID, String> outputs);

  /** Leases were taken back from silent holders; one entry per lease, the run it belonged to. */
  void leasesExpired(List<UUID> runIds);

  /** Steps were cancelled (step id to the attempt then): interrupt those attempts where they run here. */
  void stepsCancelled(Map<Long, Integer> attempts);

  /** Events were appended: wake subscriptions. */
  void eventsAppended();

  /** Submit {@code wake} when {@code at} comes (a sleep's end, an event wait's timeout). */
  void wakeAt(StepOutcome.Wake wake, Instant at);
}
