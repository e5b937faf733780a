package dev.cairn.internal.runs;

import dev.cairn.BulkResult;
import dev.cairn.CairnException;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.Workflows;
import dev.cairn.db.RetentionStore;
import dev.cairn.db.RunRow;
import dev.cairn.db.Store;
import dev.cairn.internal.definition.Lifecycle;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How long finished runs are kept (the engine's default and each workflow's own period) and deleting finished runs on
 * demand. The maintenance loop that deletes them when their time is up reads the same periods
 * ({@link #periods()}). Thread-safe.
 */
public final class RunRetention {
  private final Store store;
  private final RetentionStore retention;
  private final RunReader reader;
  private final Duration defaultPeriod;

  /** @param defaultPeriod the engine's default retention ({@link Workflows#KEEP_FOREVER}: none) */
  public RunRetention(Store store, RunReader reader, Duration defaultPeriod) {
    this.store = store;
    this.retention = store.retention();
    this.reader = reader;
    this.defaultPeriod = defaultPeriod;
  }

  /** The engine's default retention period ({@link Workflows#KEEP_FOREVER}: finished runs are kept). */
  public Duration defaultPeriod() {
    return defaultPeriod;
  }

  public void set(String workflowName, Duration period) {
    String name = Text.name("workflowName", workflowName);
    Duration checked = Lifecycle.checkRetention("retention", period);
    if (!retention.retentionSet(name, millis(checked), false)) {
      throw declared(name);
    }
  }

  public boolean clear(String workflowName) {
    String name = Text.name("workflowName", workflowName);
    return retention.retentionClear(name).map(wasDeclared -> {
      if (wasDeclared) {
        throw declared(name);
      }
      return true;
    }).orElse(false);
  }

  /** The workflows with a retention of their own, by name. */
  public Map<String, Duration> periods() {
    Map<String, Duration> periods = new LinkedHashMap<>();
    for (RetentionStore.Retention row : retention.retentionList()) {
      periods.put(row.workflowName(),
          row.retentionMillis() == null ? Workflows.KEEP_FOREVER : Duration.ofMillis(row.retentionMillis()));
    }
    return periods;
  }

  /**
   * Makes the stored declared retentions match this node's workflows: {@code declared} (workflow to period) are
   * written, and the declared ones of the other {@code localNames} are removed.
   */
  public void declare(Map<String, Duration> declared, Collection<String> localNames) {
    declared.forEach((name, period) -> retention.retentionSet(name, millis(period), true));
    retention.retentionDeleteDeclared(localNames.stream().filter(name -> !declared.containsKey(name)).toList());
  }

  /** Deletes a finished run and its tree; see {@link dev.cairn.Runs#delete}. */
  public void delete(UUID runId) {
    if (!retention.runDeleteTrees(List.of(runId), null).isEmpty()) {
      return;
    }
    RunRow run = store.runGet(runId).orElseThrow(() -> new CairnException("no run with id " + runId));
    if (!RunStatus.valueOf(run.status()).isFinal()) {
      throw new IllegalStateException("run " + runId + " is " + run.status()
          + ": only a finished run can be deleted (cancel it first)");
    }
    if (run.parentRunId() != null
        && reader.status(run.parentRunId()).filter(status -> status != RunStatus.SUCCEEDED).isPresent()) {
      throw new IllegalStateException("run " + runId + " is a child of run " + run.parentRunId()
          + ", which has not succeeded (a failed or cancelled run may be replayed, and needs its children): it is"
          + " deleted with its parent");
    }
    throw new IllegalStateException("run " + runId + " was not deleted: it or one of its child runs is unfinished,"
        + " holds a concurrency key or is in use; try again when they are finished");
  }

  /** Deletes the finished runs the query matches; see {@link dev.cairn.Runs#deleteAll}. */
  public BulkResult deleteAll(RunQuery query) {
    return new BulkOperation(reader).apply(query, EnumSet.of(RunStatus.SUCCEEDED, RunStatus.FAILED,
        RunStatus.CANCELLED), runIds -> retention.runDeleteTrees(runIds, null).size());
  }

  private static Long millis(Duration period) {
    return period.equals(Workflows.KEEP_FOREVER) ? null : period.toMillis();
  }

  private static IllegalStateException declared(String workflowName) {
    return new IllegalStateException("workflow " + workflowName + " declares its retention in its code"
        + " (@Workflow(retention)); change it there");
  }
}
