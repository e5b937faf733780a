package dev.cairn.internal.dispatch;

import dev.cairn.CairnClock;
import dev.cairn.CairnListener;
import dev.cairn.Workflow;
import dev.cairn.db.Claim;
import dev.cairn.db.ClaimedStep;
import dev.cairn.db.Store;
import dev.cairn.db.StoreTx;
import dev.cairn.internal.completion.LocalLeases;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.concurrent.DaemonThread;
import dev.cairn.internal.concurrent.Wakeup;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.flow.Admission;
import dev.cairn.internal.flow.LabelSignature;
import dev.cairn.internal.store.StoreTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one claim loop: for every slot pool with free slots (this node's own threads, each connected worker)
 * it claims queued steps of the workflows and definitions the pool runs, leased to the pool's holder in the same
 * statement, hands them to the tracker and to the pool. Pools are served in turn, starting from a different one
 * each round. It sleeps until woken (a NOTIFY, a local completion that queued steps, a retry falling due, a freed
 * slot) or, as a slow fallback, for the poll interval. It is also this node's {@link LocalLeases}: a trigger's or a
 * completion's transaction leases the steps it made claimable to this node's own slots itself, and they start right
 * after its commit (or, when they run on none of its own, to a connected worker's, sent out after the commit).
 * Thread-safe; owns the dispatcher thread.
 */
public final class Dispatcher implements LocalLeases {
  /** Most steps claimed by one statement. */
  public static final int MAX_CLAIM = 128;
  /**
   * How long a step waits for a better worker before a worker that meets fewer of its preferred labels, or a
   * soft-sticky run's other workers, may take it.
   */
  public static final Duration ROUTING_GRACE = Duration.ofSeconds(2);
  /** An idle dispatcher polls at most every this many poll intervals (notifications wake it at once). */
  static final int MAX_IDLE_FACTOR = 8;
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** How the dispatcher is set up. */
  public record Settings(Duration lease, Duration pollInterval) {}

  private final Store store;
  private final AttemptTracker tracker;
  private final WorkflowRegistry registry;
  private final OutcomeSink completer;
  private final CairnClock clock;
  private final Settings settings;
  private final CairnListener listener;
  private final Runnable eventsAppended;
  private final List<SlotPool> pools = new CopyOnWriteArrayList<>();
  private final Admission admission;
  private final Wakeup work = new Wakeup();
  private final DaemonThread thread = new DaemonThread("cairn-dispatcher");
  private volatile SlotPool local;
  /** Whether this node's own slots were all taken when last claimed for: a freed slot is then worth a round. */
  private volatile boolean localShort;
  /** Steps the current round claimed (the dispatcher thread's own). */
  private int claimedInRound;
  private int first;
  /** Where the fast path starts looking among connected workers (racy by design: only spreads the load). */
  private volatile int nextWorker;

  public Dispatcher(Store store, AttemptTracker tracker, WorkflowRegistry registry, OutcomeSink completer,
      CairnClock clock, Settings settings, CairnListener listener, Runnable eventsAppended) {
    this.store = store;
    this.tracker = tracker;
    this.registry = registry;
    this.completer = completer;
    this.clock = clock;
    this.settings = settings;
    this.listener = listener;
    this.eventsAppended = eventsAppended;
    this.admission = new Admission(store);
  }

  public void add(SlotPool pool) {
    pools.add(pool);
    work.signal();
  }

  /** Adds this node's own slots: served like any pool, and by the fast path. */
  public void addLocal(SlotPool pool) {
    local = pool;
    add(pool);
  }

  public void remove(SlotPool pool) {
    pools.remove(pool);
  }

  @Override
  public boolean serves(Collection<String> workflowNames) {
    return thread.running() && poolFor(workflowNames) != null;
  }

  @Override
  public Leased leaseWithin(StoreTx tx, Scope scope) {
    SlotPool pool = scope.workflows().isEmpty() ? local : poolFor(scope.workflows());
    if (pool == null || scope.isEmpty() || !thread.running()) {
      return Leased.NONE;
    }
    int free = Math.min(pool.freeSlots(), MAX_CLAIM);
    if (free == 0) {
      return Leased.NONE;
    }
    List<ClaimedStep> claimed = new ArrayList<>();
    if (!scope.runs().isEmpty()) {
      claimed.addAll(claim(pool, free, scope.runs(), tx::stepDequeueAndLease, gated ->
          scope.admitContinuing() ? admission.claimContinuing(tx, gated) : Admission.Result.none(null)));
    }
    // Steps waiting for freed keys may be anyone's: only this node's own slots take them here (a dispatcher round
    // serves the workers).
    boolean own = pool == local;
    Admission.Result[] freed = new Admission.Result[1];
    if (own && claimed.size() < free && !scope.freedKeys().isEmpty()) {
      claimed.addAll(claim(pool, free - claimed.size(), null, unused -> List.of(),
          gated -> freed[0] = admission.claimFreed(tx, gated, scope.freedKeys())));
    }
    if (own && claimed.size() == free) {
      localShort = true; // it took every free slot: steps may be left waiting for one
    }
    // Served only if every freed key was looked at: one another claim held (it saw the key full before this
    // release) would leave its waiter to the next poll, seconds later, unless the dispatcher is woken.
    boolean servedFreedKeys = own && !scope.freedKeys().isEmpty() && claimed.size() < free && pools.size() == 1
        && freed[0] != null && !freed[0].passedOver();
    return new LeasedSteps(pool, claimed, servedFreedKeys);
  }

  @Override
  public DirectSlots directSlots(Collection<String> workflowNames) {
    SlotPool pool = thread.running() ? poolFor(workflowNames) : null;
    int free = pool == null ? 0 : Math.min(pool.freeSlots(), MAX_CLAIM);
    if (free == 0) {
      return null;
    }
    return new DirectSlots() {
      @Override
      public String workerId() {
        return pool.workerId();
      }

      @Override
      public String holder() {
        return pool.holder();
      }

      @Override
      public long leaseMillis() {
        return settings.lease().toMillis();
      }

      @Override
      public Collection<String> fingerprints() {
        return pool.fingerprints();
      }

      @Override
      public int free() {
        return free;
      }

      @Override
      public void start(List<ClaimedStep> leased, Duration took) {
        listener.stepsClaimed(leased.size(), took); // the insert was their dequeue
        handOverAll(pool, leased);
      }
    };
  }

  /**
   * The slots a transaction's fast path leases to: this node's own if they run one of the workflows and have room,
   * else a connected worker's that do (taken in turn); null if none.
   */
  private SlotPool poolFor(Collection<String> workflowNames) {
    SlotPool own = local;
    if (own != null && runsAny(own, workflowNames) && own.freeSlots() > 0) {
      return own;
    }
    List<SlotPool> current = new ArrayList<>(pools);
    int start = Math.floorMod(nextWorker++, Math.max(1, current.size()));
    for (int i = 0; i < current.size(); i++) {
      SlotPool pool = current.get((start + i) % current.size());
      if (pool != own && runsAny(pool, workflowNames) && pool.freeSlots() > 0) {
        return pool;
      }
    }
    return null;
  }

  private static boolean runsAny(SlotPool pool, Collection<String> workflowNames) {
    Collection<String> runs = pool.workflows();
    for (String name : workflowNames) {
      if (runs.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** Steps a transaction leased to this node's slots, handed over after its commit. */
  private final class LeasedSteps implements Leased {
    private final SlotPool pool;
    private final List<ClaimedStep> claimed;
    private final boolean servedFreedKeys;

    LeasedSteps(SlotPool pool, List<ClaimedStep> claimed, boolean servedFreedKeys) {
      this.pool = pool;
      this.claimed = claimed;
      this.servedFreedKeys = servedFreedKeys;
    }

    @Override
    public boolean servedFreedKeys() {
      return servedFreedKeys;
    }

    @Override
    public int count() {
      return claimed.size();
    }

    @Override
    public void start() {
      handOverAll(pool, claimed);
    }

    @Override
    public void discard() {
      if (!claimed.isEmpty()) {
        work.signal(); // nothing was leased: the steps are still queued
      }
    }
  }

  /** Something was queued or a slot freed: look now. */
  public void wake() {
    work.signal();
  }

  /** One of this node's own slots freed: look if steps may be waiting for one. */
  public void slotFreed() {
    if (localShort) {
      work.signal();
    }
  }

  /** Something will be available after {@code delay}: look then. */
  public void wakeAfter(Duration delay) {
    if (thread.running()) {
      clock.at(clock.now().plus(delay), work::signal);
    }
  }

  public void start() {
    thread.start(this::loop);
  }

  public void stop() {
    thread.stop(work::signal, Duration.ofSeconds(10));
  }

  private void loop() {
    int idleFactor = 1;
    boolean woken = true;
    while (thread.running()) {
      try {
        claimedInRound = 0;
        if (!round(woken)) {
          // The poll is the fallback behind notifications, timers and this node's own triggers and completions:
          // while rounds find nothing and nothing wakes it, it waits twice as long each time, up to MAX_IDLE_FACTOR.
          idleFactor = claimedInRound > 0 ? 1 : Math.min(idleFactor * 2, MAX_IDLE_FACTOR);
          woken = work.await(settings.pollInterval().toMillis() * idleFactor);
          if (woken) {
            idleFactor = 1;
          }
        } else {
          idleFactor = 1;
          woken = true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("dispatch round failed, trying again after {}: {}", settings.pollInterval(), e.toString());
        sleepQuietly();
      }
    }
  }

  /**
   * One pass over the pools; true if some pool filled all it asked for (there may be more to claim at once). A round
   * that nothing woke is a poll: it claims in one statement (an idle node's query budget), where a woken one walks
   * the queue's index ({@link Store#stepDequeueAndLease}).
   */
  private boolean round(boolean woken) {
    List<SlotPool> current = new ArrayList<>(pools);
    boolean more = false;
    for (int i = 0; i < current.size(); i++) {
      SlotPool pool = current.get((first + i) % current.size());
      int limit = Math.min(pool.freeSlots(), MAX_CLAIM);
      if (limit == 0) {
        localShort |= pool == local;
        continue;
      }
      List<ClaimedStep> claimed = claim(pool, limit, null,
          woken ? store::stepDequeueAndLease : store::stepPollAndLease, admission::claim);
      claimedInRound += claimed.size();
      if (!claimed.isEmpty()) {
        eventsAppended.run(); // the claims' STEP_STARTED events, committed
      }
      if (pool == local) {
        localShort = claimed.size() == limit; // all it could take: more may be waiting for a slot
      }
      handOverAll(pool, claimed);
      more |= claimed.size() == limit;
    }
    first++;
    return more;
  }

  /**
   * Claims for one pool (of {@code runs} only, unless null): first steps free to claim, then (if the pool runs
   * workflows with flow control and has slots left) steps that must pass their keys.
   */
  private List<ClaimedStep> claim(SlotPool pool, int limit, Collection<UUID> runs,
      Function<Claim, List<ClaimedStep>> dequeue, Function<Claim, Admission.Result> admit) {
    List<WorkflowDefinition> served = served(pool);
    List<Map<String, String>> others = pools.stream().filter(other -> other != pool).map(SlotPool::labels).toList();
    Claim claim = new Claim(pool.workflows(), pool.fingerprints(), LabelSignature.metBy(pool.labels(), served),
        limit, pool.workerId(), pool.holder(), settings.lease().toMillis(),
        LabelSignature.outranked(pool.labels(), served, others),
        served.stream().anyMatch(workflow -> workflow.flow().sticky() != Workflow.Sticky.NONE),
        ROUTING_GRACE.toMillis(), runs);
    long began = System.nanoTime();
    List<ClaimedStep> claimed = new ArrayList<>(dequeue.apply(claim));
    listener.stepsClaimed(claimed.size(), Duration.ofNanos(System.nanoTime() - began));
    if (claimed.size() < limit && served.stream().anyMatch(Dispatcher::isGated)) {
      Admission.Result admitted = admit.apply(claim.withLimit(limit - claimed.size()));
      claimed.addAll(admitted.claimed());
      admitted.rateFreesAt().ifPresent(at -> wakeAfter(Admission.until(admitted.now(), at)));
    }
    return claimed;
  }

  /** The required-label signatures some pool of this node meets (a step with another one waits for a worker). */
  public Set<String> labelSignaturesMet() {
    Set<String> met = new HashSet<>();
    for (SlotPool pool : pools) {
      met.addAll(LabelSignature.metBy(pool.labels(), served(pool)));
    }
    return met;
  }

  /** Whether runs of the workflow queue behind keys (concurrency or rate limits on runs or steps). */
  private static boolean isGated(WorkflowDefinition workflow) {
    return !workflow.flow().concurrency().isEmpty() || workflow.steps().stream().anyMatch(step -> step.flow().isGated());
  }

  private List<WorkflowDefinition> served(SlotPool pool) {
    List<WorkflowDefinition> served = new ArrayList<>();
    for (String name : pool.workflows()) {
      registry.find(name).ifPresent(served::add);
    }
    return served;
  }

  private void handOverAll(SlotPool pool, List<ClaimedStep> claimed) {
    for (ClaimedStep step : claimed) {
      AssignedStep assigned = StoreTypes.assigned(step);
      AttemptId ref = new AttemptId(step.id(), step.runId(), step.attempt(), pool.holder());
      if (step.queuedAt() != null && step.startedAt() != null) {
        listener.stepStarted(step.workflowName(), step.stepName(), Duration.between(step.queuedAt(),
            step.startedAt()));
      }
      handOver(pool, ref, assigned);
    }
  }

  /** Gives a claimed step to its pool; one that cannot be given is handed back, never left leased and idle. */
  private void handOver(SlotPool pool, AttemptId ref, AssignedStep step) {
    try {
      WorkflowDefinition workflow = registry.get(step.workflowName());
      pool.start(tracker.track(pool, ref, step, workflow));
    } catch (RuntimeException e) {
      log.warn("cannot hand {} of run {} to {} ({}); handing it back", step.stepName(), step.runId(),
          pool.describe(), e.toString());
      tracker.find(ref).ifPresent(attempt -> tracker.cancelled(Map.of(ref.stepId(), ref.attempt())));
      completer.submit(new StepOutcome.Released(ref));
    }
  }

  private void sleepQuietly() {
    try {
      work.await(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
