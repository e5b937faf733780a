package dev.cairn.internal.dashboard;

import dev.cairn.RateLimits;
import dev.cairn.Role;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.Runs;
import dev.cairn.Schedules;
import dev.cairn.Tokens;
import dev.cairn.Workers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dashboard reads and operates, provided by the engine: the public interfaces where they suffice, and the
 * few reads they lack (token check, counts, child runs, the step graph). Implementations are thread-safe.
 */
public interface DashboardBackend {
  /** The role of a bearer token's secret; empty when it is unknown, expired or revoked. */
  Optional<Role> authenticate(String secret);

  Runs runs();

  Workers workers();

  Schedules schedules();

  RateLimits rateLimits();

  Tokens tokens();

  /** Runs matching {@code query} (its paging ignored) per status; statuses without runs may be absent. */
  Map<RunStatus, Long> countRuns(RunQuery query);

  /** The run's input as JSON text; empty for an unknown run. */
  Optional<String> runInput(UUID runId);

  /** The child runs of {@code runId}, oldest first, at most {@code limit}. */
  List<ChildRun> childRuns(UUID runId, int limit);

  /** Each step of the workflow's current definition with the steps it waits for; empty for an unknown workflow. */
  Map<String, List<String>> stepParents(String workflowName);

  /** Every concurrency and rate key with what it holds and uses now, at most {@code limit}. */
  List<FlowKeyUsage> flowKeys(int limit);

  /**
   * A flow key: {@code kind} CONCURRENCY (holders, at most {@code maxUnits}) or RATE ({@code used} units within
   * {@code periodMillis}); {@code queued} steps wait for it. {@code maxUnits} is null when not limited.
   */
  record FlowKeyUsage(String kind, String rule, String key, Integer maxUnits, Long periodMillis, long held, long used,
      long queued) {}

  /** A child run, with the step of its parent run that started it. */
  record ChildRun(UUID id, String workflowName, RunStatus status, String parentStep, Instant createdAt,
      Instant finishedAt) {}
}
