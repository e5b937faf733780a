package dev.cairn.internal.flow;

import dev.cairn.Concurrency;
import dev.cairn.db.FlowTx;
import dev.cairn.internal.definition.ConcurrencyRule;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The CANCEL_* strategies of run-level limits, decided when runs are triggered, under the lock of each key
 * involved (so two triggers of one key decide one after the other, each seeing the other's run): with
 * CANCEL_NEWEST a run that finds its key full is refused (it is cancelled at once and never admitted); with
 * CANCEL_IN_PROGRESS it is admitted in turn as the key's oldest runs are cancelled. Stateless.
 */
public final class Strategies {
  /** A run about to be inserted, with its keys. */
  public record Planned(UUID runId, WorkflowDefinition workflow, List<Long> runKeys) {}

  /**
   * What the strategies decided: runs to insert already refused (never admitted, cancelled right after the
   * insert) and existing runs to cancel, each with the reason it is given, and the planned run that replaces each
   * (it replaces it only if it is inserted: a trigger whose idempotency key exists inserts nothing).
   */
  public record Decision(Map<UUID, String> refused, Map<UUID, String> replaced, Map<UUID, UUID> replacedBy) {
    public static final Decision NONE = new Decision(Map.of(), Map.of(), Map.of());
  }

  private Strategies() {}

  /** Whether any planned run is subject to a CANCEL_* strategy (and so needs {@link #decide}). */
  public static boolean apply(List<Planned> runs) {
    return runs.stream().anyMatch(run -> run.workflow().flow().concurrency().stream()
        .anyMatch(rule -> rule.strategy() != Concurrency.Strategy.GROUP_ROUND_ROBIN));
  }

  /** Decides, in the caller's transaction (which inserts the runs next), locking the keys involved. */
  public static Decision decide(FlowTx tx, List<Planned> runs) {
    TreeSet<Long> keys = new TreeSet<>();
    for (Planned run : runs) {
      List<ConcurrencyRule> rules = run.workflow().flow().concurrency();
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).strategy() != Concurrency.Strategy.GROUP_ROUND_ROBIN) {
          keys.add(run.runKeys().get(i));
        }
      }
    }
    tx.lockKeysWaiting(new ArrayList<>(keys));
    Map<Long, List<UUID>> open = new LinkedHashMap<>();
    for (long key : keys) {
      open.put(key, new ArrayList<>(tx.openRunsOf(key)));
    }
    Map<UUID, String> refused = new LinkedHashMap<>();
    Map<UUID, String> replaced = new LinkedHashMap<>();
    Map<UUID, UUID> replacedBy = new LinkedHashMap<>();
    for (Planned run : runs) {
      List<ConcurrencyRule> rules = run.workflow().flow().concurrency();
      for (int i = 0; i < rules.size(); i++) {
        ConcurrencyRule rule = rules.get(i);
        if (rule.strategy() == Concurrency.Strategy.GROUP_ROUND_ROBIN || refused.containsKey(run.runId())) {
          continue;
        }
        List<UUID> holders = open.get(run.runKeys().get(i));
        holders.removeAll(refused.keySet());
        holders.removeAll(replaced.keySet());
        if (rule.strategy() == Concurrency.Strategy.CANCEL_NEWEST) {
          if (holders.size() >= rule.max()) {
            refused.put(run.runId(), "cancelled as the newest: concurrency limit " + rule.rule() + " ("
                + rule.max() + " at once) is full");
          }
        } else {
          while (holders.size() >= rule.max()) {
            UUID oldest = holders.remove(0);
            replaced.put(oldest, "replaced by newer run " + run.runId() + " (concurrency limit " + rule.rule() + ", "
                + rule.max() + " at once)");
            replacedBy.put(oldest, run.runId());
          }
        }
      }
      if (!refused.containsKey(run.runId())) {
        for (int i = 0; i < rules.size(); i++) {
          if (rules.get(i).strategy() != Concurrency.Strategy.GROUP_ROUND_ROBIN) {
            open.get(run.runKeys().get(i)).add(run.runId());
          }
        }
      }
    }
    return new Decision(refused, replaced, replacedBy);
  }
}
