package dev.cairn;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One worker of the inventory: a remote worker's stream, or an engine node's own slots. Immutable.
 *
 * @param holder the lease holder its attempts are leased to: "token id/worker id", or "node/node id"
 * @param nodeId the engine node that holds (held) its stream
 * @param host the host name it reported; empty if it did not
 * @param version its software version; empty if it did not say
 * @param slotsUsed slots busy at the last heartbeat recorded (0 once gone)
 * @param definitions every workflow definition it offered, accepted or refused
 * @param running the attempts it ran at the last heartbeat recorded (at most 100)
 */
public record WorkerInfo(String workerId, Kind kind, State state, String holder, String nodeId, String host,
    String version, Map<String, String> labels, int slots, int slotsUsed, List<Definition> definitions,
    List<RunningStep> running, Connection connection) {
  public WorkerInfo {
    labels = Map.copyOf(labels);
    definitions = List.copyOf(definitions);
    running = List.copyOf(running);
  }

  /** Where its steps run. */
  public enum Kind {
    /** A {@code CairnWorker} process on a stream to an engine node. */
    REMOTE,
    /** An engine node's own slot threads. */
    EMBEDDED
  }

  /** Whether it is there, judged on the engine's clock. */
  public enum State {
    /** Heard from recently. */
    CONNECTED,
    /** No heartbeat recorded for longer than its node allows: the node holding its stream may have died. */
    STALE,
    /** Its stream ended (or its node closed) at {@link Connection#goneAt()}. */
    GONE
  }

  /**
   * A workflow definition it offered.
   *
   * @param engineFingerprint the definition runs of the workflow started with when it registered
   * @param accepted false for a mismatch: the worker gets no work for this workflow
   */
  public record Definition(String workflowName, String fingerprint, String engineFingerprint, boolean accepted) {}

  /** An attempt it ran. */
  public record RunningStep(UUID runId, String workflowName, String stepName, int attempt, Instant startedAt) {}

  /**
   * Its stream and heartbeats.
   *
   * @param tokenId its token; null for a node's own slots
   * @param address the stream's peer address as the node saw it; empty for a node's own slots
   * @param staleAt when it becomes (became) stale without a newer heartbeat
   * @param goneAt null unless gone
   * @param goneReason null unless gone
   */
  public record Connection(String tokenId, String sessionId, String address, Instant connectedAt,
      Instant lastHeartbeatAt, Instant staleAt, Instant goneAt, String goneReason) {}
}
