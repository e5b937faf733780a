package dev.cairn.internal.grpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker streams connected to this node, one per worker identity: a worker that registers again (it
 * reconnected before this node noticed its old stream was gone) replaces its old session. Thread-safe.
 */
public final class WorkerSessions {
  private final Map<String, WorkerSession> byHolder = new ConcurrentHashMap<>();

  /** Adds a session; an older session of the same worker is closed and returned. */
  WorkerSession add(WorkerSession session) {
    WorkerSession replaced = byHolder.put(session.holder(), session);
    if (replaced != null && replaced != session) {
      replaced.stop();
      replaced.close("worker " + session.workerId() + " registered again on a new stream");
    }
    return replaced;
  }

  void remove(WorkerSession session) {
    byHolder.remove(session.holder(), session);
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
    }
    byHolder.clear();
  }
}
