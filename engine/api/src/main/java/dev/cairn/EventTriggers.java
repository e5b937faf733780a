package dev.cairn;

import java.util.List;

/**
 * Workflows started by pushed events, shared by every node on the database. Each event starts each matching
 * trigger's workflow once: the run's idempotency key is the event's identity (key and id), so a redelivery, or a
 * push repeated after a crash, starts nothing new. The embedded engine ({@code Cairn.eventTriggers()}) and a client
 * ({@code CairnClient.eventTriggers()}) both implement it. Thread-safe.
 */
public interface EventTriggers {
  /** Longest trigger name and filter, in characters. */
  int MAX_NAME_LENGTH = 400;
  int MAX_FILTER_LENGTH = 2000;

  /**
   * Creates a trigger.
   *
   * @param filter null for none; see {@link EventTrigger#filter()}
   * @throws IllegalArgumentException naming what was wrong (a filter that does not parse, a bad name or key)
   * @throws CairnException for an unknown workflow
   * @throws IllegalStateException if a trigger of that name exists
   */
  EventTrigger create(String name, String eventKey, String workflowName, String filter);

  /**
   * Deletes a trigger (the runs it started stay).
   *
   * @throws NotFoundException if there is none
   * @throws IllegalStateException if it is declared by {@code @Workflow(onEvents)}
   */
  void delete(String name);

  /** Every trigger, in name order. */
  List<EventTrigger> list();
}
