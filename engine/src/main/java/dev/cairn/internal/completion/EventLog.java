package dev.cairn.internal.completion;

import dev.cairn.db.NewEvent;
import dev.cairn.db.StoreTx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events collected during one transaction, numbered and written at its end: sequence numbers are reserved per
 * run in one statement (under the run locks the transaction holds), so events of a run never interleave
 * out of order with another writer's. Not thread-safe.
 */
final class EventLog {
  private record Draft(UUID runId, String type, String stepName, Integer attempt, String payloadJson) {}

  private final List<Draft> drafts = new ArrayList<>();

  void add(UUID runId, String type, String stepName, Integer attempt, String payloadJson) {
    drafts.add(new Draft(runId, type, stepName, attempt, payloadJson));
  }

  void add(UUID runId, String type) {
    add(runId, type, null, null, null);
  }

  void write(StoreTx tx) {
    if (drafts.isEmpty()) {
      return;
    }
    Map<UUID, Long> counts = new LinkedHashMap<>();
    for (Draft draft : drafts) {
      counts.merge(draft.runId(), 1L, Long::sum);
    }
    Map<UUID, Long> last = tx.runAdvanceEventSeqAll(counts);
    Map<UUID, Long> next = new LinkedHashMap<>();
    counts.forEach((run, count) -> next.put(run, last.get(run) - count + 1));
    List<NewEvent> events = new ArrayList<>(drafts.size());
    for (Draft draft : drafts) {
      long seq = next.merge(draft.runId(), 1L, Long::sum) - 1;
      events.add(new NewEvent(draft.runId(), seq, draft.type(), draft.stepName(), draft.attempt(), draft.payloadJson()));
    }
    tx.eventInsertAll(events);
  }
}
