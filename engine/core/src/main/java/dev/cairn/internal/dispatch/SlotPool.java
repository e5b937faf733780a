package dev.cairn.internal.dispatch;

import dev.cairn.internal.execution.AttemptId;
import java.util.Collection;
import java.util.Map;

/**
 * Where claimed attempts run: this node's own slot threads ({@link LocalSlots}) or a connected worker (a worker
 * session). The {@link Dispatcher} claims for every pool with free slots, the {@link AttemptTracker} follows each
 * attempt to its end whatever its pool: one lifecycle, local or remote. Implementations are thread-safe.
 */
public interface SlotPool {
  /** For logs: "node n1", "worker w7 (session …)". */
  String describe();

  /** Shown on the steps it runs. */
  String workerId();

  /** The lease holder its attempts are leased to. */
  String holder();

  /** The workflows it runs. */
  Collection<String> workflows();

  /** The definition fingerprints it runs (only runs started with one of them are claimed for it). */
  Collection<String> fingerprints();

  /** The worker labels it carries ({@code pool=cpu-heavy}, {@code memory_gb=16}); steps requiring others skip it. */
  default Map<String, String> labels() {
    return Map.of();
  }

  /** How many more attempts it takes now; 0 while full, silent or stopping. */
  int freeSlots();

  /**
   * Runs (or sends out) an attempt the tracker now follows. Two claimers (the dispatcher and a transaction's fast
   * path) may both have claimed for the last free slots: a pool takes the surplus all the same.
   */
  void start(TrackedAttempt attempt);

  /** The engine took the attempt back (cancelled, timed out, lease lost): stop it, or make sure it never starts. */
  void stop(AttemptId attempt, String reason);
}
