package dev.cairn.internal.grpc;

import dev.cairn.internal.inventory.WorkerInventory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker streams connected to this node, one per worker identity: a worker that registers again (it
 * reconnected before this node noticed its old stream was gone) replaces its old session. Thread-safe.
 */
public final class WorkerSessions {
  private final Map<String, WorkerSession> byHolder = new ConcurrentHashMap<>();
  private final WorkerInventory inventory;

  /** @param inventory where each session's row is written (registered, heartbeats, gone) */
  public WorkerSessions(WorkerInventory inventory) {
    this.inventory = inventory;
  }

  /**
   * Adds a session and writes its inventory row; an older session of the same worker is closed and returned (its
   * row is the new session's now).
   */
  WorkerSession add(WorkerSession session, WorkerInventory.Connection connection,
      List<WorkerInventory.Offered> offered) {
    WorkerSession replaced = byHolder.put(session.holder(), session);
    if (replaced != null && replaced != session) {
      inventory.forget(replaced.sessionId());
      replaced.stop();
      replaced.close("worker " + session.workerId() + " registered again on a new stream");
    }
    inventory.connected(session, "REMOTE", session.sessionId(), connection, offered);
    return replaced;
  }

  /** The session sent a heartbeat: its inventory row is refreshed when due. */
  void heartbeat(WorkerSession session) {
    inventory.heartbeat(session.sessionId());
  }

  /** The session's stream ended: it is removed and its inventory row marked gone. */
  void remove(WorkerSession session, String reason) {
    byHolder.remove(session.holder(), session);
    inventory.gone(session.sessionId(), reason);
  }

  /** True if no worker connected here serves this exact definition. */
  boolean noneServe(String workflowName, String fingerprint) {
    return byHolder.values().stream().noneMatch(session -> session.serves(workflowName, fingerprint));
  }

  /** Stops every session and ends its stream with {@code reason} (the workers reconnect, keeping their leases). */
  public void closeAll(String reason) {
    for (WorkerSession session : byHolder.values()) {
      session.stop();
      session.close(reason);
      inventory.gone(session.sessionId(), reason);
    }
    byHolder.clear();
  }
}
