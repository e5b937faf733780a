package dev.cairn.internal.flow;

import dev.cairn.db.AdmissionWrite;
import dev.cairn.db.Claim;
import dev.cairn.db.ClaimedStep;
import dev.cairn.db.FlowKeyRow;
import dev.cairn.db.FlowTx;
import dev.cairn.db.GatedStep;
import dev.cairn.db.RateUse;
import dev.cairn.db.Store;
import dev.cairn.db.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Claims steps that must pass their keys first, in one transaction: lock the keys that have steps waiting (least
 * served first, skipping keys another claim holds), fold in their releases, read what their rate keys started
 * within the period, take each key's best waiting steps, admit them in turn across keys while every key a step
 * needs has room, write the keys back and lease the admitted steps. Admission reads counts from locked rows:
 * never from an ordering or a snapshot count. Thread-safe (stateless apart from its store).
 */
public final class Admission {
  /** Keys looked at per claim. */
  static final int MAX_KEYS = 64;

  /**
   * Steps claimed, and when a rate limit that held steps back has room again (empty if none did), and the
   * transaction's time (null when no key was ready). {@code passedOver}: a key or step this admission could not
   * look at (a freed key it could not lock or that has no waiter, a run or key another transaction holds), so a
   * step may still wait behind a key with room and a claim of its own must look again.
   */
  public record Result(List<ClaimedStep> claimed, Optional<Instant> rateFreesAt, Instant now, boolean passedOver) {
    public static Result none(Instant now) {
      return new Result(List.of(), Optional.empty(), now, false);
    }
  }

  /** One locked key during an admission. */
  private static final class KeyState {
    final FlowKeyRow row;
    int released;
    int used;
    int admittedHolders;
    int served;
    int startedUnits;
    List<RateUse> usage = List.of();

    KeyState(FlowKeyRow row, int released) {
      this.row = row;
      this.released = released;
      // The locked row's holders, less the releases this transaction just took out of the ledger.
      this.used = row.isRate() ? 0 : row.inFlight() - released;
    }

    /** Whether {@code units} more fit now. */
    boolean fits(int units) {
      return row.maxUnits() == null || used + units <= row.maxUnits();
    }

    /** When {@code units} would fit, as the oldest starts leave the period (rate keys). */
    Instant fitsAt(int units, Instant now) {
      int over = used + units - row.maxUnits();
      for (RateUse use : usage) {
        over -= use.units();
        if (over <= 0) {
          return use.at().plusMillis(row.periodMs());
        }
      }
      return now.plusMillis(row.periodMs());
    }
  }

  /**
   * Who admits: the dispatcher's own transaction, or a completion's fast path (steps of its runs going on, or steps
   * waiting for keys it freed). A fast path runs inside a longer transaction: it takes only concurrency keys, never a
   * rate key every node shares, which it would hold until its commit.
   */
  private enum Mode { CLAIM, CONTINUING, FREED }

  private final Store store;

  public Admission(Store store) {
    this.store = store;
  }

  /** Admits and claims up to {@code claim.limit()} gated steps. */
  public Result claim(Claim claim) {
    return store.inTransaction(tx -> admit(tx.flow(), claim, Mode.CLAIM, null));
  }

  /**
   * Within a transaction already open (a completion's fast path): admits only steps of runs that hold their
   * run-level keys already (or have none), so a run going on never takes a run key ahead of runs waiting for it.
   */
  public Result claimContinuing(StoreTx tx, Claim claim) {
    return admit(tx.flow(), claim, Mode.CONTINUING, null);
  }

  /**
   * Within a transaction that holds run locks already and just gave back {@code freedKeys} (a completion's fast
   * path): admits the best steps waiting for those keys, in their order, whose runs it can lock without waiting
   * (the others are left to the next claim), so a step whose key just freed starts without a claim of its own.
   */
  public Result claimFreed(StoreTx tx, Claim claim, Collection<Long> freedKeys) {
    return admit(tx.flow(), claim, Mode.FREED, freedKeys);
  }

  private static Result admit(FlowTx tx, Claim claim, Mode mode, Collection<Long> freedKeys) {
    boolean fastPath = mode != Mode.CLAIM;
    List<FlowKeyRow> ready = tx.lockReadyKeys(claim, MAX_KEYS, freedKeys, fastPath);
    // A freed key missing here has no waiter, or another claim holds it and saw it full before the release: a claim
    // after this commit must look at it, or its waiter waits for the next poll.
    boolean passedOver = freedKeys != null && ready.size() < new HashSet<>(freedKeys).size();
    if (ready.isEmpty()) {
      // The common case when nothing waits: one statement, no clock read.
      return new Result(List.of(), Optional.empty(), null, passedOver);
    }
    // The transaction's time, read once and only if a rate key needs it (a keyed admission saves the round trip).
    Instant[] read = new Instant[1];
    Supplier<Instant> now = () -> read[0] != null ? read[0] : (read[0] = tx.now());
    Map<Long, KeyState> keys = new LinkedHashMap<>();
    lock(tx, ready, keys);
    List<Long> gateIds = new ArrayList<>();
    List<Integer> caps = new ArrayList<>();
    for (KeyState key : keys.values()) {
      int room = key.row.maxUnits() == null ? claim.limit() : Math.max(0, key.row.maxUnits() - key.used);
      // A rate key's room is in units; a step takes one or more, so look at as many steps as the claim may take.
      int cap = key.row.isRate() ? (room > 0 ? claim.limit() : 0) : Math.min(room, claim.limit());
      if (cap > 0) {
        gateIds.add(key.row.id());
        caps.add(cap);
      }
    }
    Optional<Instant> freesAt = Optional.empty();
    List<GatedStep> candidates = gateIds.isEmpty() ? List.of() : tx.candidates(claim, gateIds, caps);
    if (mode == Mode.FREED && !candidates.isEmpty()) {
      List<GatedStep> lockable = lockedRunsFirst(tx, candidates);
      passedOver |= lockable.size() < candidates.size();
      candidates = lockable;
    }
    lockMore(tx, candidates, keys, fastPath);

    Map<Long, List<GatedStep>> byGate = new LinkedHashMap<>();
    ready.forEach(row -> byGate.put(row.id(), new ArrayList<>()));
    candidates.forEach(step -> byGate.computeIfAbsent(step.gateKey(), gate -> new ArrayList<>()).add(step));
    List<Long> admitted = new ArrayList<>();
    List<List<Long>> held = new ArrayList<>();
    Set<UUID> runsAdmitted = new HashSet<>();
    Set<UUID> runsHolding = new HashSet<>();
    candidates.stream().filter(GatedStep::runHolds).forEach(step -> runsHolding.add(step.runId()));
    for (int rank = 0; admitted.size() < claim.limit(); rank++) {
      boolean any = false;
      for (List<GatedStep> queue : byGate.values()) {
        if (rank >= queue.size() || admitted.size() >= claim.limit()) {
          continue;
        }
        any = true;
        GatedStep step = queue.get(rank);
        boolean runHolds = runsHolding.contains(step.runId()) || runsAdmitted.contains(step.runId());
        if (mode == Mode.CONTINUING && !runHolds && !step.runKeys().isEmpty()) {
          continue; // a run still waiting for its run keys is admitted by a claim of its own, in its turn
        }
        Need need = need(step, keys, runHolds);
        if (need == null) {
          passedOver = true;
          continue; // a key it needs is held by another claim: it waits for the next one
        }
        Instant later = need.blockedUntil(now);
        if (later != null || !need.fits()) {
          if (later != null) {
            freesAt = Optional.of(freesAt.map(at -> at.isBefore(later) ? at : later).orElse(later));
          }
          continue;
        }
        need.take();
        keys.get(step.gateKey()).served++;
        admitted.add(step.id());
        held.add(need.heldByStep());
        if (!need.runKeys().isEmpty()) {
          runsAdmitted.add(step.runId());
        }
      }
      if (!any) {
        break;
      }
    }
    write(tx, keys, admitted, held, runsAdmitted);
    List<ClaimedStep> claimed = admitted.isEmpty() ? List.of() : tx.claimAdmitted(claim, admitted);
    return new Result(claimed, freesAt, freesAt.isPresent() ? now.get() : null, passedOver);
  }

  /** What one step needs of the locked keys. */
  private record Need(List<KeyState> runKeys, List<KeyState> stepKeys, List<Integer> stepUnits) {
    boolean fits() {
      for (KeyState key : runKeys) {
        if (!key.fits(1)) {
          return false;
        }
      }
      for (int i = 0; i < stepKeys.size(); i++) {
        if (!stepKeys.get(i).fits(stepUnits.get(i))) {
          return false;
        }
      }
      return true;
    }

    /** When a rate key it needs has room for it, if one lacks room now; null if no rate key holds it back. */
    Instant blockedUntil(Supplier<Instant> now) {
      Instant latest = null;
      for (int i = 0; i < stepKeys.size(); i++) {
        KeyState key = stepKeys.get(i);
        if (key.row.isRate() && !key.fits(stepUnits.get(i))) {
          Instant at = key.fitsAt(stepUnits.get(i), now.get());
          latest = latest == null || at.isAfter(latest) ? at : latest;
        }
      }
      return latest;
    }

    void take() {
      for (KeyState key : runKeys) {
        key.used++;
        key.admittedHolders++;
      }
      for (int i = 0; i < stepKeys.size(); i++) {
        KeyState key = stepKeys.get(i);
        key.used += stepUnits.get(i);
        if (key.row.isRate()) {
          key.startedUnits += stepUnits.get(i);
        } else {
          key.admittedHolders++;
        }
      }
    }

    /** The concurrency keys the step itself holds while it runs (run-level ones are held by its run). */
    List<Long> heldByStep() {
      return stepKeys.stream().filter(key -> !key.row.isRate()).map(key -> key.row.id()).toList();
    }
  }

  /** The keys a step needs, all locked; null if one of them is not (another claim holds it). */
  private static Need need(GatedStep step, Map<Long, KeyState> keys, boolean runHolds) {
    List<KeyState> runKeys = new ArrayList<>();
    if (!runHolds) {
      for (long id : step.runKeys()) {
        KeyState key = keys.get(id);
        if (key == null) {
          return null;
        }
        runKeys.add(key);
      }
    }
    List<KeyState> stepKeys = new ArrayList<>();
    List<Integer> units = new ArrayList<>();
    for (int i = 0; i < step.stepKeys().size(); i++) {
      KeyState key = keys.get(step.stepKeys().get(i));
      if (key == null) {
        return null;
      }
      stepKeys.add(key);
      units.add(step.stepUnits().get(i).intValue());
    }
    return new Need(runKeys, stepKeys, units);
  }

  /** Adds locked keys: folds their releases and reads their rate usage. */
  private static void lock(FlowTx tx, List<FlowKeyRow> rows, Map<Long, KeyState> keys) {
    List<Long> concurrency = rows.stream().filter(row -> !row.isRate()).map(FlowKeyRow::id).toList();
    Map<Long, Integer> released = concurrency.isEmpty() ? Map.of() : tx.foldReleases(concurrency);
    for (FlowKeyRow row : rows) {
      keys.put(row.id(), new KeyState(row, released.getOrDefault(row.id(), 0)));
    }
    List<FlowKeyRow> rates = rows.stream().filter(row -> row.isRate() && row.maxUnits() != null).toList();
    if (!rates.isEmpty()) {
      Map<Long, List<RateUse>> usage = new HashMap<>();
      for (RateUse use : tx.rateUsage(rates.stream().map(FlowKeyRow::id).toList(),
          rates.stream().map(FlowKeyRow::periodMs).toList())) {
        usage.computeIfAbsent(use.keyId(), id -> new ArrayList<>()).add(use);
      }
      for (FlowKeyRow row : rates) {
        KeyState key = keys.get(row.id());
        key.usage = usage.getOrDefault(row.id(), List.of());
        key.used = key.usage.stream().mapToInt(RateUse::units).sum();
      }
    }
  }

  /**
   * The candidates whose runs this transaction could lock without waiting, each key's cut at its first step whose
   * run another transaction holds: that step keeps its turn, and the next claim admits it and those after it.
   */
  private static List<GatedStep> lockedRunsFirst(FlowTx tx, List<GatedStep> candidates) {
    Set<UUID> locked = new HashSet<>(tx.runTryLockAll(candidates.stream().map(GatedStep::runId).distinct().toList()));
    Set<Long> cut = new HashSet<>();
    List<GatedStep> kept = new ArrayList<>();
    for (GatedStep step : candidates) { // each key's candidates come in its order
      if (!locked.contains(step.runId())) {
        cut.add(step.gateKey());
      } else if (!cut.contains(step.gateKey())) {
        kept.add(step);
      }
    }
    return kept;
  }

  /** Locks the further keys the candidates need (SKIP LOCKED); a step whose key stays unlocked just waits. */
  private static void lockMore(FlowTx tx, List<GatedStep> candidates, Map<Long, KeyState> keys,
      boolean concurrencyOnly) {
    Set<Long> more = new TreeSet<>();
    for (GatedStep step : candidates) {
      if (!step.runHolds()) {
        step.runKeys().stream().filter(id -> !keys.containsKey(id)).forEach(more::add);
      }
      step.stepKeys().stream().filter(id -> !keys.containsKey(id)).forEach(more::add);
    }
    if (!more.isEmpty()) {
      lock(tx, tx.lockKeys(new ArrayList<>(more), concurrencyOnly), keys);
    }
  }

  private static void write(FlowTx tx, Map<Long, KeyState> keys, List<Long> admitted, List<List<Long>> held,
      Set<UUID> runsAdmitted) {
    List<Long> ids = new ArrayList<>();
    List<Integer> released = new ArrayList<>();
    List<Integer> holders = new ArrayList<>();
    List<Integer> served = new ArrayList<>();
    List<Long> rateIds = new ArrayList<>();
    List<Integer> rateUnits = new ArrayList<>();
    for (KeyState key : keys.values()) {
      if (key.released > 0 || key.admittedHolders > 0 || key.served > 0) {
        ids.add(key.row.id());
        released.add(key.released);
        holders.add(key.admittedHolders);
        served.add(key.served);
      }
      if (key.startedUnits > 0) {
        rateIds.add(key.row.id());
        rateUnits.add(key.startedUnits);
      }
    }
    if (!ids.isEmpty() || !rateIds.isEmpty() || !admitted.isEmpty()) {
      tx.admit(new AdmissionWrite(ids, released, holders, served, rateIds, rateUnits, admitted, held,
          new ArrayList<>(runsAdmitted)));
    }
  }

  /** How long until {@code at} from {@code now}, at least 1 ms. */
  public static Duration until(Instant now, Instant at) {
    Duration wait = Duration.between(now, at);
    return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
  }
}
