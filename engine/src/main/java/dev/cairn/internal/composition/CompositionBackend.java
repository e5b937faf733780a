package dev.cairn.internal.composition;

import dev.cairn.ChildSpec;
import dev.cairn.db.ChildParent;
import dev.cairn.db.StepOp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What durable operations read and write: the database directly on an engine node, the engine over gRPC on a
 * remote worker. Implementations are thread-safe.
 */
public interface CompositionBackend {
  /** A child run's state; {@code outputJson} is its terminal step's output once SUCCEEDED. */
  record ChildState(UUID runId, String workflowName, String status, String error, String outputJson) {}

  /** Records the {@code seq}-th operation of a step unless recorded already; returns the record that stands. */
  StepOp recordOperation(long stepId, int seq, String kind, String signature, long delayMillis, long lookbackMillis);

  /** Stores an operation's result unless one is stored; returns the result that stands. */
  String setOperationResult(long stepId, int seq, String resultJson);

  int countOperations(long stepId);

  /**
   * Starts child runs of a step attempt; their ids in order (existing ones for keys started before).
   *
   * @throws IllegalStateException if the parent attempt is no longer current
   */
  List<UUID> startChildren(ChildParent parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata);

  /** The states of the child runs, in the order given. */
  List<ChildState> children(List<UUID> runIds);

  /** The payload (JSON) of the first event pushed with {@code key} at or after {@code since}. */
  Optional<String> findPushedEvent(String key, Instant since);
}
