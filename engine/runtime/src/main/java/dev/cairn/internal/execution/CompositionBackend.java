package dev.cairn.internal.execution;

import dev.cairn.ChildSpec;
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

  /**
   * Records the {@code seq}-th operation of the caller's step unless recorded already; returns the record that
   * stands.
   *
   * @throws IllegalStateException if {@code caller} does not hold the step's current attempt (nothing recorded)
   */
  OperationRecord recordOperation(AttemptId caller, int seq, String kind, String signature, long delayMillis,
      long lookbackMillis);

  /**
   * Stores an operation's result unless one is stored; returns the result that stands.
   *
   * @throws IllegalStateException if {@code caller} does not hold the step's current attempt
   */
  String setOperationResult(AttemptId caller, int seq, String resultJson);

  /** @throws IllegalStateException if {@code caller} does not hold the step's current attempt */
  int countOperations(AttemptId caller);

  /**
   * Starts child runs of a step attempt; their ids in order (existing ones for keys started before).
   *
   * @throws IllegalStateException if the parent attempt is no longer current or not held by its caller
   */
  List<UUID> startChildren(AttemptId parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata);

  /**
   * The states of the caller's step's child runs, in the order given.
   *
   * @throws IllegalStateException if {@code caller} does not hold the step's current attempt
   * @throws IllegalArgumentException if an id is not a child run of the caller's step
   */
  List<ChildState> children(AttemptId caller, List<UUID> runIds);

  /**
   * The payload (JSON) of the first event pushed with {@code key} at or after {@code since}.
   *
   * @throws IllegalStateException if {@code caller} does not hold the step's current attempt
   */
  Optional<String> findPushedEvent(AttemptId caller, String key, Instant since);
}
