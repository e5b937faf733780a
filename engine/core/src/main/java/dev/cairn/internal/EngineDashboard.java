package dev.cairn.internal;

import dev.cairn.RateLimits;
import dev.cairn.Role;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.Runs;
import dev.cairn.Schedules;
import dev.cairn.TokenInfo;
import dev.cairn.Tokens;
import dev.cairn.Workers;
import dev.cairn.db.DashboardStore;
import dev.cairn.db.RunFilter;
import dev.cairn.db.RunRow;
import dev.cairn.internal.auth.TokenService;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.dashboard.DashboardBackend;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine's side of the dashboard: the public interfaces of this node, the token check, and the two reads they
 * lack (counts per status and child runs, one statement each). Thread-safe.
 */
public final class EngineDashboard implements DashboardBackend {
  private final Runs runs;
  private final Engine engine;
  private final DashboardStore store;
  private final PayloadCodec codec = new PayloadCodec();

  public EngineDashboard(Runs runs, Engine engine) {
    this.runs = runs;
    this.engine = engine;
    this.store = engine.store().dashboard();
  }

  @Override
  public Optional<Role> authenticate(String secret) {
    TokenService tokens = engine.tokens();
    return tokens.verify(secret).map(TokenInfo::role);
  }

  @Override
  public Runs runs() {
    return runs;
  }

  @Override
  public Workers workers() {
    return engine.workers();
  }

  @Override
  public Schedules schedules() {
    return engine.schedules();
  }

  @Override
  public RateLimits rateLimits() {
    return engine.rateLimits();
  }

  @Override
  public Tokens tokens() {
    return engine.tokens();
  }

  @Override
  public Map<RunStatus, Long> countRuns(RunQuery query) {
    RunFilter filter = new RunFilter(query.workflowName(), query.statuses().stream().map(Enum::name).sorted().toList(),
        codec.encode(query.metadata()), query.createdFrom(), query.createdTo(), null, null, 0);
    Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
    store.runCountByStatus(filter).forEach((status, count) -> counts.put(RunStatus.valueOf(status), count));
    return counts;
  }

  @Override
  public Optional<String> runInput(UUID runId) {
    return engine.store().runGet(runId).map(RunRow::inputJson);
  }

  @Override
  public List<ChildRun> childRuns(UUID runId, int limit) {
    return store.runListByParent(runId, limit).stream()
        .map(row -> new ChildRun(row.id(), row.workflowName(), RunStatus.valueOf(row.status()), row.parentStep(),
            row.createdAt(), row.finishedAt()))
        .toList();
  }

  @Override
  public List<FlowKeyUsage> flowKeys(int limit) {
    return store.flowKeyUsage(limit).stream()
        .map(row -> new FlowKeyUsage(row.kind(), row.rule(), row.key(), row.maxUnits(), row.periodMs(), row.held(),
            row.used(), row.queued()))
        .toList();
  }

  @Override
  public Map<String, List<String>> stepParents(String workflowName) {
    WorkflowRegistry registry = engine.registry();
    Map<String, List<String>> parents = new LinkedHashMap<>();
    registry.find(workflowName).ifPresent(definition -> {
      for (StepDefinition step : definition.steps()) {
        parents.put(step.name(), step.parents());
      }
    });
    return parents;
  }
}
