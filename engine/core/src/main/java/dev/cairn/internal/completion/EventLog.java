package dev.cairn.internal.completion;

import dev.cairn.db.EventDraft;
import dev.cairn.db.Notification;
import dev.cairn.db.RunFinish;
import dev.cairn.db.StoreTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events collected during one transaction and written at its end in one statement, which reserves their
 * sequence numbers per run under the run locks the transaction holds: events of a run never interleave out of
 * order with another writer's. Not thread-safe.
 */
final class EventLog {
  private record Draft(UUID runId, String type, String stepName, Integer attempt, String payloadJson) {}

  private final List<Draft> drafts = new ArrayList<>();
  private final List<RunFinish> finishes = new ArrayList<>();

  void add(UUID runId, String type, String stepName, Integer attempt, String payloadJson) {
    drafts.add(new Draft(runId, type, stepName, attempt, payloadJson));
  }

  void add(UUID runId, String type) {
    add(runId, type, null, null, null);
  }

  /**
   * Ends an unfinished run with the events' statement, saving the run a statement of its own; the caller holds its
   * lock, knows it unfinished, and adds its RUN_ event.
   */
  void finish(RunFinish finish) {
    finishes.add(finish);
  }

  /**
   * Writes the events, numbered per run in the order they were added, and sends {@code notifications}; with
   * {@code commit}, commits the transaction in the same round trip (see {@link StoreTx#eventAppendAllAndCommit}).
   */
  void write(StoreTx tx, List<Notification> notifications, boolean commit) {
    if (drafts.isEmpty() && notifications.isEmpty()) {
      return;
    }
    Map<UUID, Long> ordinals = new HashMap<>();
    List<EventDraft> events = new ArrayList<>(drafts.size());
    for (Draft draft : drafts) {
      long ordinal = ordinals.merge(draft.runId(), 1L, Long::sum);
      events.add(new EventDraft(draft.runId(), ordinal, draft.type(), draft.stepName(), draft.attempt(),
          draft.payloadJson()));
    }
    if (commit) {
      tx.eventAppendAllAndCommit(events, finishes, notifications);
    } else {
      tx.eventAppendAll(events, finishes, notifications);
    }
  }
}
