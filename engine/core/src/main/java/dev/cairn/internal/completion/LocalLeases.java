package dev.cairn.internal.completion;

import dev.cairn.db.ClaimedStep;
import dev.cairn.db.StoreTx;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The fast path: a transaction that just made steps claimable (a trigger inserting runs, a completion queuing
 * children) leases those this node can run to free slots before it commits, its own or those of a worker connected
 * to it, so they start (or are sent out) right after the commit without a wake-up and a claim of their own. Only steps of the given runs are taken: the transaction holds
 * their locks already (it wrote them), so the claim never waits for another transaction's run lock. A crash after
 * the commit leaves them leased to a dead node: they come back when the lease runs out, like any other attempt.
 * Implementations are thread-safe.
 */
public interface LocalLeases {
  /** No fast path (a node without slots of its own). */
  LocalLeases NONE = new LocalLeases() {
    @Override
    public boolean serves(Collection<String> workflowNames) {
      return false;
    }

    @Override
    public Leased leaseWithin(StoreTx tx, Scope scope) {
      return Leased.NONE;
    }

    @Override
    public DirectSlots directSlots(Collection<String> workflowNames) {
      return null;
    }
  };

  /** Whether some slots here run one of the workflows and are free now (else a transaction need not try). */
  boolean serves(Collection<String> workflowNames);

  /**
   * Within {@code tx}: leases up to as many steps of the scope as this node has free slots. Exactly one of
   * {@link Leased#start} (after the commit) or {@link Leased#discard} (the transaction did not commit) must follow.
   */
  Leased leaseWithin(StoreTx tx, Scope scope);

  /**
   * Slots that run one of the workflows and have room now (this node's own, else a connected worker's), for a
   * trigger that inserts its runs with their first steps leased to them (one statement: no claim, no transaction
   * around it); null if none.
   */
  DirectSlots directSlots(Collection<String> workflowNames);

  /** Slots a trigger leases to as it inserts (see {@link #directSlots}). */
  interface DirectSlots {
    String workerId();

    String holder();

    long leaseMillis();

    /** The definition fingerprints they run (a run started with another one waits for a claim). */
    Collection<String> fingerprints();

    /** How many steps it takes now. */
    int free();

    /** The insert committed after {@code took} with these steps leased here: hand them to the slots. */
    void start(List<ClaimedStep> leased, Duration took);
  }

  /**
   * What a transaction may lease: claimable steps of {@code runs}, runs of {@code workflows} (it holds their locks,
   * and leases them to slots that run those workflows); with
   * {@code admitContinuing}, also their gated steps whose runs hold their run keys, admitted past their step keys
   * (a new run waits for its run keys in its turn, never ahead of older runs); and the best steps waiting for
   * {@code freedKeys}, keys it just gave back, in their order, of runs it can lock without waiting.
   */
  record Scope(Collection<UUID> runs, Collection<String> workflows, boolean admitContinuing,
      Collection<Long> freedKeys) {
    public Scope {
      runs = List.copyOf(runs);
      workflows = Set.copyOf(workflows);
      freedKeys = List.copyOf(freedKeys);
    }

    /** Claimable steps of {@code runs} only, nothing to admit (a trigger's new runs; a busy completion's). */
    public static Scope claimable(Collection<UUID> runs, Collection<String> workflows) {
      return new Scope(runs, workflows, false, List.of());
    }

    /** What a completion queued in its runs, and what waits for the keys it gave back. */
    public static Scope completion(Collection<UUID> runs, Collection<String> workflows, Collection<Long> freedKeys) {
      return new Scope(runs, workflows, true, freedKeys);
    }

    public boolean isEmpty() {
      return runs.isEmpty() && freedKeys.isEmpty();
    }
  }

  /** Steps leased within a transaction, waiting for its end. */
  interface Leased {
    Leased NONE = new Leased() {
      @Override
      public int count() {
        return 0;
      }

      @Override
      public void start() {}

      @Override
      public void discard() {}
    };

    /** How many steps were leased. */
    int count();

    /**
     * Whether the steps waiting for the scope's freed keys were all offered here: this node's slots are the only
     * pool and had room to spare, so a dispatcher round right after the commit would find nothing more to admit
     * (it would only contend for the locks of the next completion's admission).
     */
    default boolean servedFreedKeys() {
      return false;
    }

    /** The transaction committed: hand the steps to their slots. */
    void start();

    /** The transaction rolled back: nothing was leased; the steps are still queued for the next claim. */
    void discard();
  }
}
