package dev.cairn.internal.grpc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The worker streams connected to this node. Thread-safe. */
public final class WorkerSessions {
  private final Set<WorkerSession> sessions = ConcurrentHashMap.newKeySet();

  void add(WorkerSession session) {
    sessions.add(session);
  }

  void remove(WorkerSession session) {
    sessions.remove(session);
  }

  /** Steps were queued somewhere: every worker pump looks. */
  public void wakeAll() {
    sessions.forEach(WorkerSession::wake);
  }

  /** Steps were cancelled: workers running them are told. */
  public void cancelled(List<Long> stepIds) {
    sessions.forEach(session -> session.cancelled(stepIds));
  }

  /** True if no worker connected here serves this exact definition. */
  boolean noneServe(String workflowName, String fingerprint) {
    return sessions.stream().noneMatch(session -> session.serves(workflowName, fingerprint));
  }

  public void stopAll() {
    sessions.forEach(WorkerSession::stop);
    sessions.clear();
  }

}
