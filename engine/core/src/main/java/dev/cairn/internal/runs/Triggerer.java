package dev.cairn.internal.runs;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnClock;
import dev.cairn.CairnException;
import dev.cairn.ChildSpec;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.db.ChildParent;
import dev.cairn.db.DirectLease;
import dev.cairn.db.IdempotentRun;
import dev.cairn.db.InsertedRuns;
import dev.cairn.db.NewEvent;
import dev.cairn.db.NewRun;
import dev.cairn.db.NewStep;
import dev.cairn.db.Notification;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.codec.PayloadException;
import dev.cairn.internal.codec.RawJson;
import dev.cairn.internal.completion.Channels;
import dev.cairn.internal.completion.LocalLeases;
import dev.cairn.internal.definition.InputShape;
import dev.cairn.internal.definition.ParamBinding;
import dev.cairn.internal.definition.StepDefinition;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.execution.EventTypes;
import dev.cairn.internal.flow.FlowKeys.RunKeys;
import dev.cairn.internal.flow.FlowKeys.StepKeys;
import dev.cairn.internal.flow.FlowKeys;
import dev.cairn.internal.flow.LabelSignature;
import dev.cairn.internal.flow.Strategies;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.RunIds;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Inserts new runs with their step rows and first events in one statement. Everything is checked before anything
 * is written: the workflow name (an identifier naming a known workflow), the input (storable JSON that fits the
 * workflow's input type; JSON text from a caller comes as {@link RawJson}) and the number of runs. In a call with
 * several runs a refusal names the entry ({@code runs[3]: workflowName ...}). Thread-safe.
 */
public final class Triggerer {
  /** Most runs one call may start. */
  public static final int MAX_RUNS = 1000;
  /** The gate of a run a concurrency strategy refused: no key has this id, so no claim ever admits it. */
  static final long REFUSED_GATE = -1;

  /** One run to start; {@code input} is any value the codec encodes, or {@link RawJson} text. */
  public record Request(String workflowName, Object input, TriggerOptions options) {}

  /** What a trigger's commit set in motion. */
  public interface QueuedSignal {
    /** Steps were queued; {@code leasedHere} of them were leased to this node's slots already. */
    void queued(int steps, int leasedHere);

    /** Runs were inserted, with the first events of their logs (committed). */
    void eventsAppended();

    /** Delayed runs were inserted whose first steps become claimable at {@code at}. */
    void dueAt(Instant at);

    /** Runs were inserted whose deadline is {@code at}. */
    void deadlineAt(Instant at);
  }

  private final Store store;
  private final PayloadCodec codec;
  private final CairnClock clock;
  private final WorkflowRegistry registry;
  private final Channels channels;
  private final QueuedSignal onQueued;
  private final LocalLeases local;
  private final PlannerStatistics statistics;
  private final FlowKeys flowKeys;
  private final RunSpans spans;
  private volatile BiConsumer<UUID, String> canceller = (run, reason) -> {
    throw new IllegalStateException("no canceller connected");
  };
  private volatile Consumer<List<UUID>> expect = ids -> { };

  public Triggerer(Store store, PayloadCodec codec, CairnClock clock, WorkflowRegistry registry, Channels channels,
      LocalLeases local, QueuedSignal onQueued, RunSpans spans) {
    this.store = store;
    this.spans = spans;
    this.clock = clock;
    this.local = local;
    this.codec = codec;
    this.registry = registry;
    this.channels = channels;
    this.onQueued = onQueued;
    this.statistics = new PlannerStatistics(store);
    this.flowKeys = new FlowKeys(store.flow());
  }

  /** How runs a concurrency strategy refuses or replaces get cancelled (the completer, made after this). */
  public void cancelWith(BiConsumer<UUID, String> cancel) {
    this.canceller = cancel;
  }

  /** Who is told the ids of top-level runs before they are inserted (this node's run waiters). */
  public void expectRunsWith(Consumer<List<UUID>> expect) {
    this.expect = expect;
  }

  /**
   * Returns one run id per request, in order; a request whose idempotency key exists gets the existing run.
   *
   * @throws IllegalArgumentException for more than {@link #MAX_RUNS} requests, a bad workflow name or input that
   *     is not storable JSON
   * @throws CairnException for an unknown workflow or input that does not fit its input type
   */
  public List<UUID> triggerAll(List<Request> requests) {
    if (requests.size() > MAX_RUNS) {
      throw new IllegalArgumentException("runs has " + requests.size() + " entries; at most " + MAX_RUNS
          + " are allowed");
    }
    return requests.isEmpty() ? List.of() : insert(requests, null, null);
  }

  /**
   * Starts child runs of a step attempt; returns their ids in order, existing children for keys started before.
   *
   * @throws IllegalStateException if the parent attempt is no longer current (nothing was started)
   */
  public List<UUID> startChildren(ChildParent parent, String workflowName, List<ChildSpec> children,
      Map<String, String> metadata, int priority) {
    TriggerOptions options = TriggerOptions.builder().metadata(metadata).priority(priority).build();
    List<Request> requests = new ArrayList<>(children.size());
    List<String> keys = new ArrayList<>(children.size());
    for (ChildSpec child : children) {
      requests.add(new Request(workflowName, child.input(), options));
      keys.add(child.key());
    }
    return insert(requests, parent, keys);
  }

  /** The rows of new runs: written in one statement. */
  private record Rows(List<NewRun> runs, List<NewStep> steps, List<NewEvent> events, List<Strategies.Planned> planned) {}

  private List<UUID> insert(List<Request> requests, ChildParent parent, List<String> childKeys) {
    Rows rows = new Rows(new ArrayList<>(requests.size()), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    RunSpans.Starting traced = spans.starting();
    Set<UUID> inserted;
    try {
      inserted = insert(requests, parent, childKeys, rows, traced);
    } catch (RuntimeException | Error e) {
      traced.failed(e);
      throw e;
    }
    // A run skipped for its key was committed by another transaction (the insert waited for it).
    return parent != null ? childIds(rows.runs(), inserted, parent, childKeys) : triggeredIds(rows.runs(), inserted);
  }

  /**
   * Checks and inserts the runs; returns the ids inserted. Their spans are open before any of their steps starts
   * here: a run that ends at once must find its span to end.
   */
  private Set<UUID> insert(List<Request> requests, ChildParent parent, List<String> childKeys, Rows rows,
      RunSpans.Starting traced) {
    Instant now = clock.now();
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      String where = requests.size() == 1 ? "" : "runs[" + i + "]: ";
      WorkflowDefinition workflow = entry(where, () -> registry.get(Text.name("workflowName",
          request.workflowName())));
      String inputJson = entry(where, () -> encodeInput(workflow, request.input()));
      RunKeys keys = entry(where, () -> flowKeys.of(workflow, workflow.hasFlowControl()
          ? codec.decode(inputJson, JsonNode.class) : null, request.options().metadata()));
      Instant startAt = entry(where, () -> startAt(request.options(), now));
      Duration timeout = request.options().timeout() != null ? request.options().timeout()
          : workflow.flow().timeout();
      Instant deadline = timeout == null ? null : entry(where, () -> Ranges.instant("timeout: the deadline",
          (startAt == null ? now : startAt).plus(timeout)));
      UUID id = RunIds.next();
      addRun(rows, id, workflow, inputJson, request.options(), childKeys == null ? null : childKeys.get(i), keys,
          startAt, deadline, traced.start(id, workflow.name(), parent == null ? null : parent.runId()));
    }
    if (parent == null) {
      expect.accept(rows.runs().stream().map(NewRun::id).toList());
    }
    boolean decide = Strategies.apply(rows.planned());
    Set<String> workflows = new HashSet<>();
    rows.runs().forEach(run -> workflows.add(run.workflowName()));
    boolean leaseHere = local.serves(workflows);
    Set<UUID> inserted;
    Strategies.Decision[] decided = {Strategies.Decision.NONE};
    LocalLeases.Leased[] leased = {LocalLeases.Leased.NONE};
    int leasedHere;
    LocalLeases.DirectSlots slots = decide || !leaseHere ? null : local.directSlots(workflows);
    DirectLease lease = slots == null ? null : directLease(rows, slots);
    if (lease != null || !decide && !leaseHere) {
      // One statement: the runs go in, with their first steps leased to the slots under a lease (the fast path).
      long began = System.nanoTime();
      InsertedRuns result = store.runInsertAll(rows.runs(), rows.steps(), rows.events(), parent, wake(), lease);
      inserted = new HashSet<>(result.ids());
      traced.inserted(inserted);
      if (lease != null) {
        slots.start(result.leased(), Duration.ofNanos(System.nanoTime() - began));
      }
      leasedHere = result.leased().size();
    } else {
      // One transaction: a strategy decides under the keys' locks before the insert (the runs it refuses never
      // become claimable), and the fast path leases the new runs' first steps to this node's slots.
      try {
        inserted = new HashSet<>(store.inTransaction(tx -> {
          leased[0].discard(); // a transaction tried again: the last try leased nothing
          leased[0] = LocalLeases.Leased.NONE;
          if (decide) {
            decided[0] = Strategies.decide(tx.flow(), rows.planned());
            refuse(rows, decided[0]);
          }
          List<UUID> ids = tx.runInsertAll(rows.runs(), rows.steps(), rows.events(), parent, wake(), null).ids();
          if (leaseHere && !ids.isEmpty()) {
            leased[0] = local.leaseWithin(tx, LocalLeases.Scope.claimable(ids, workflows));
          }
          return ids;
        }));
      } catch (RuntimeException e) {
        leased[0].discard();
        throw e;
      }
      traced.inserted(inserted);
      leased[0].start();
      leasedHere = leased[0].count();
    }
    Strategies.Decision decision = decided[0];
    cancelDecided(decision, inserted);
    if (!inserted.isEmpty()) {
      onQueued.eventsAppended();
    }
    long queued = rows.events().stream()
        .filter(event -> event.type().equals(EventTypes.STEP_QUEUED) && inserted.contains(event.runId())).count();
    if (queued > 0) {
      onQueued.queued((int) queued, leasedHere);
    }
    rows.runs().stream().filter(run -> run.startAt() != null && inserted.contains(run.id())).map(NewRun::startAt)
        .distinct().forEach(onQueued::dueAt);
    rows.runs().stream().filter(run -> run.deadlineAt() != null && inserted.contains(run.id()))
        .map(NewRun::deadlineAt).distinct().forEach(onQueued::deadlineAt);
    statistics.stepsInserted(rows.steps().size());
    return inserted;
  }

  /**
   * The runs whose first steps are leased to {@code slots} as they are inserted, as many as the free slots take in
   * order (the others are left queued for a claim); null when a claim must decide for all: some run is delayed,
   * sticky, behind keys or of a definition the slots do not run, or some first step needs labels or prefers a
   * worker.
   */
  private static DirectLease directLease(Rows rows, LocalLeases.DirectSlots slots) {
    Map<UUID, Integer> firstSteps = new HashMap<>();
    for (NewStep step : rows.steps()) {
      if (step.queued()) {
        if (step.gateKey() != null || step.labelSig() != null || step.preferSig() != null) {
          return null;
        }
        firstSteps.merge(step.runId(), 1, Integer::sum);
      }
    }
    Set<UUID> runs = new HashSet<>();
    int free = slots.free();
    for (NewRun run : rows.runs()) {
      if (run.startAt() != null || run.sticky() != null || run.flowKeys() != null
          || run.fingerprint() != null && !slots.fingerprints().contains(run.fingerprint())) {
        return null;
      }
      int first = firstSteps.getOrDefault(run.id(), 0);
      if (first > 0 && first <= free) {
        runs.add(run.id());
        free -= first;
      }
    }
    return runs.isEmpty() ? null : new DirectLease(slots.workerId(), slots.holder(), slots.leaseMillis(), runs);
  }

  /** When a delayed run becomes due (null: at once); refused before {@code now}. */
  private static Instant startAt(TriggerOptions options, Instant now) {
    if (options.delay() != null) {
      return options.delay().isZero() ? null : Ranges.instant("now + delay", now.plus(options.delay()));
    }
    if (options.runAt() != null && options.runAt().isBefore(now)) {
      throw new IllegalArgumentException("runAt " + options.runAt() + " is in the past (the engine's now is " + now
          + "); leave it unset to start the run at once");
    }
    return options.runAt();
  }

  private Notification wake() {
    return new Notification(channels.wake(), channels.sender());
  }

  private void addRun(Rows rows, UUID id, WorkflowDefinition workflow, String inputJson, TriggerOptions options,
      String childKey, RunKeys keys, Instant startAt, Instant deadline, String traceParent) {
    long seq = 0;
    rows.events().add(new NewEvent(id, ++seq, EventTypes.RUN_QUEUED, null));
    for (StepDefinition step : workflow.steps()) {
      boolean root = step.parents().isEmpty() && !step.onFailure();
      StepKeys own = keys.step(step.name());
      // Until the run holds its run-level keys, every step of it queues behind the first; then behind its own.
      Long gate = !keys.runKeys().isEmpty() ? keys.runKeys().get(0) : own.keys().isEmpty() ? null : own.keys().get(0);
      rows.steps().add(new NewStep(id, workflow.name(), step.name(), step.parents(), step.onFailure(), root,
          options.priority(), step.scheduleTimeout() == null ? null : step.scheduleTimeout().toMillis(),
          own.keys().isEmpty() ? null : own.keys(), own.keys().isEmpty() ? null : own.units(), gate,
          LabelSignature.of(step.flow()), LabelSignature.preferred(step.flow())));
      if (root) {
        rows.events().add(new NewEvent(id, ++seq, EventTypes.STEP_QUEUED, step.name()));
      }
    }
    rows.runs().add(new NewRun(id, workflow.name(), inputJson, codec.encode(options.metadata()),
        options.idempotencyKey(), options.priority(), seq, childKey, workflow.fingerprint(),
        keys.runKeys().isEmpty() ? null : keys.runKeys(),
        workflow.flow().sticky() == Workflow.Sticky.NONE ? null : workflow.flow().sticky().name(), startAt,
        deadline, traceParent));
    if (!keys.runKeys().isEmpty()) {
      rows.planned().add(new Strategies.Planned(id, workflow, keys.runKeys()));
    }
  }

  /**
   * Cancels what a strategy refused (if it was inserted) and the runs it replaced: only those whose newer run was
   * inserted (a repeated idempotency key inserts nothing and replaces nothing), and those of this call, which were
   * inserted unclaimable.
   */
  private void cancelDecided(Strategies.Decision decision, Set<UUID> inserted) {
    decision.refused().forEach((run, reason) -> {
      if (inserted.contains(run)) {
        canceller.accept(run, reason);
      }
    });
    decision.replaced().forEach((run, reason) -> {
      boolean replacedNow = inserted.contains(decision.replacedBy().get(run)) || inserted.contains(run);
      if (!decision.refused().containsKey(run) && replacedNow) {
        canceller.accept(run, reason);
      }
    });
  }

  /**
   * Runs a strategy refuses (or that a later run of the same call replaces) are inserted unclaimable: their steps
   * queue behind a key that does not exist, and they are cancelled right after the insert commits.
   */
  private static void refuse(Rows rows, Strategies.Decision decision) {
    Set<UUID> planned = new HashSet<>();
    rows.runs().forEach(run -> planned.add(run.id()));
    Set<UUID> unclaimable = new HashSet<>(decision.refused().keySet());
    decision.replaced().keySet().stream().filter(planned::contains).forEach(unclaimable::add);
    for (int i = 0; i < rows.steps().size(); i++) {
      NewStep step = rows.steps().get(i);
      if (unclaimable.contains(step.runId())) {
        rows.steps().set(i, new NewStep(step.runId(), step.workflowName(), step.stepName(), step.parentNames(),
            step.onFailure(), step.queued(), step.priority(), step.scheduleTimeoutMillis(), step.flowKeys(),
            step.flowUnits(), REFUSED_GATE, step.labelSig(), step.preferSig()));
      }
    }
  }

  private List<UUID> childIds(List<NewRun> runs, Set<UUID> inserted, ChildParent parent, List<String> childKeys) {
    if (inserted.size() != runs.size() && !store.stepIsHeld(parent.ref())) {
      // Nothing was inserted because the fence refused the caller: it learns nothing about existing children.
      throw new IllegalStateException("cannot start children: step attempt " + parent.attempt() + " of run "
          + parent.runId() + " is not current, not running, or not leased to this caller (token/worker_id "
          + parent.holder() + ")");
    }
    Map<String, UUID> existing = inserted.size() == runs.size() ? Map.of()
        : store.runFindChildren(parent.stepId(), childKeys);
    List<UUID> ids = new ArrayList<>(runs.size());
    for (NewRun run : runs) {
      UUID id = inserted.contains(run.id()) ? run.id() : existing.get(run.childKey());
      if (id == null) {
        throw new IllegalStateException("cannot start child '" + run.childKey() + "': step attempt "
            + parent.attempt() + " of run " + parent.runId() + " is no longer current");
      }
      ids.add(id);
    }
    return ids;
  }

  private List<UUID> triggeredIds(List<NewRun> runs, Set<UUID> inserted) {
    Map<String, UUID> existing = inserted.size() == runs.size() ? Map.of() : existingRuns(runs, inserted);
    List<UUID> ids = new ArrayList<>(runs.size());
    for (NewRun run : runs) {
      ids.add(inserted.contains(run.id()) ? run.id() : existing.get(key(run.workflowName(), run.idempotencyKey())));
    }
    return ids;
  }

  private Map<String, UUID> existingRuns(List<NewRun> runs, Set<UUID> inserted) {
    List<String> workflows = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (NewRun run : runs) {
      if (!inserted.contains(run.id())) {
        workflows.add(run.workflowName());
        keys.add(run.idempotencyKey());
      }
    }
    Map<String, UUID> existing = new HashMap<>();
    for (IdempotentRun run : store.runFindByIdempotencyKeys(workflows, keys)) {
      existing.put(key(run.workflowName(), run.idempotencyKey()), run.id());
    }
    return existing;
  }

  private static String key(String workflow, String idempotencyKey) {
    return workflow + '\u0000' + idempotencyKey;
  }

  /** Runs one entry's check, naming the entry in a refusal when the call has several. */
  private static <T> T entry(String where, Supplier<T> check) {
    if (where.isEmpty()) {
      return check.get();
    }
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    } catch (CairnException e) {
      throw new CairnException(where + e.getMessage());
    }
  }

  /**
   * The input as stored JSON, checked against the workflow's input type as a trigger checks it (a schedule checks
   * its input when it is created, not at its first tick).
   *
   * @throws IllegalArgumentException for a bad workflow name or input that is not storable JSON
   * @throws CairnException for an unknown workflow or input that does not fit its input type
   */
  public String checkedInput(String workflowName, Object input) {
    return encodeInput(registry.get(Text.name("workflowName", workflowName)), input);
  }

  private String encodeInput(WorkflowDefinition workflow, Object input) {
    String json = JsonText.checkWritten("input", codec.encode(input));
    if (!workflow.isLocal() && workflow.inputShape() != null) {
      String misfit = InputShape.misfit(codec.decode(json, JsonNode.class), workflow.inputShape());
      if (misfit != null) {
        throw new CairnException("input for workflow " + workflow.name() + " does not fit its input type: " + misfit);
      }
    }
    for (StepDefinition step : workflow.steps()) {
      for (ParamBinding binding : step.bindings()) {
        if (binding instanceof ParamBinding.Input in) {
          checkFits(workflow, json, in.type());
        }
      }
    }
    return json;
  }

  private void checkFits(WorkflowDefinition workflow, String json, JavaType type) {
    try {
      codec.decode(json, type);
    } catch (PayloadException e) {
      // No cause: the message says all, and a cause-less CairnException is the caller's fault (INVALID_ARGUMENT).
      throw new CairnException("input for workflow " + workflow.name() + " does not fit its input type "
          + type.toCanonical() + ": " + e.getMessage());
    }
  }
}
