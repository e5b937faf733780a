package dev.cairn.internal.completion;

import dev.cairn.CairnException;
import dev.cairn.db.DatabaseErrors;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.concurrent.DaemonThread;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's single writer of step transitions (see the package documentation). {@link #submit} is
 * thread-safe and never blocks; the returned future completes after the commit with whether the outcome was
 * accepted (false: fenced out, e.g. a superseded attempt).
 */
public final class Completer implements OutcomeSink {
  /** Most outcomes applied in one transaction. */
  public static final int MAX_BATCH = 512;
  /**
   * Largest batch whose transaction also admits steps past their keys on the fast path. Admission there saves a
   * waiting step a claim of its own when the node is quiet; under load it would lengthen the one writer's
   * transactions, and the dispatcher admits in large batches beside it instead.
   */
  static final int MAX_ADMITTING_BATCH = 16;
  private static final Logger log = LoggerFactory.getLogger(Completer.class);
  private static final long MAX_RETRY_DELAY_MILLIS = 5_000;

  record Pending(StepOutcome outcome, CompletableFuture<Boolean> accepted) {}

  private final Store store;
  private final PayloadCodec codec;
  private final int maxLeaseExpiries;
  private final Channels channels;
  private final CompletionSignals signals;
  private final Function<String, WorkflowDefinition> definitions;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final DaemonThread thread = new DaemonThread("cairn-completer");
  /** Held by whoever writes: the completer's thread, or a caller of {@link #submitHere} when it was idle. */
  private final ReentrantLock writing = new ReentrantLock();
  private volatile LocalLeases local = LocalLeases.NONE;

  public Completer(Store store, PayloadCodec codec, int maxLeaseExpiries, Channels channels, CompletionSignals signals,
      Function<String, WorkflowDefinition> definitions) {
    this.store = store;
    this.definitions = definitions;
    this.codec = codec;
    this.maxLeaseExpiries = maxLeaseExpiries;
    this.channels = channels;
    this.signals = signals;
  }

  @Override
  public CompletableFuture<Boolean> submit(StepOutcome outcome, BiConsumer<Boolean, Throwable> whenWritten) {
    CompletableFuture<Boolean> accepted = new CompletableFuture<>();
    CompletableFuture<Boolean> written = accepted.whenComplete(whenWritten);
    queue.add(new Pending(outcome, accepted));
    return written;
  }

  /**
   * Writes {@code outcome} on the calling thread if nothing is being written or waits to be: a lone step's result
   * then commits without the hand-over to the completer's thread, whose wake-up (an idle core woken, tens of
   * microseconds on a virtual machine) lies on the run's path to its waiter. Else, or if the write fails, the
   * completer's thread writes it, as {@link #submit} would have, in a batch with the others. (Waiting here for a
   * write in progress instead cost a sixth of the throughput of many short steps: their slots blocked and batches
   * broke up; see BENCHMARKS.md.) One writer at a time either way.
   */
  @Override
  public CompletableFuture<Boolean> submitHere(StepOutcome outcome, BiConsumer<Boolean, Throwable> whenWritten) {
    if (!queue.isEmpty() || !thread.running() || !writing.tryLock()) {
      return submit(outcome, whenWritten);
    }
    CompletableFuture<Boolean> accepted = new CompletableFuture<>();
    CompletableFuture<Boolean> written = accepted.whenComplete(whenWritten);
    Pending pending = new Pending(outcome, accepted);
    try {
      write(List.of(pending));
    } catch (RuntimeException e) {
      log.debug("writing {} here failed ({}); the completer retries it", outcome, e.toString());
      queue.add(pending);
    } finally {
      writing.unlock();
    }
    return written;
  }

  /** The fast path: steps a batch queues are leased to this node's slots in the batch's transaction. */
  public void leaseLocallyWith(LocalLeases local) {
    this.local = local;
  }

  public void start() {
    thread.start(this::loop);
  }

  /** Writes everything submitted so far, then stops. */
  public void stop() {
    thread.stop(() -> { }, Duration.ofSeconds(30));
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (thread.running() || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        writing.lock();
        try {
          for (List<Pending> round : rounds(batch)) {
            flush(round);
          }
        } finally {
          writing.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void flush(List<Pending> batch) throws InterruptedException {
    long delay = 50;
    while (true) {
      try {
        write(batch);
        return;
      } catch (RuntimeException e) {
        if (batch.size() > 1) {
          log.warn("completion batch of {} failed ({}); writing its outcomes one by one", batch.size(), e.toString());
          for (Pending pending : batch) {
            flush(List.of(pending));
          }
          return;
        }
        if (DatabaseErrors.isRefusedData(e) || e instanceof CairnException
            || !thread.running() && delay > MAX_RETRY_DELAY_MILLIS) {
          batch.get(0).accepted().completeExceptionally(e);
          return;
        }
        log.warn("writing {} failed, retrying in {} ms: {}", batch.get(0).outcome(), delay, e.toString());
        Thread.sleep(delay);
        delay = Math.min(MAX_RETRY_DELAY_MILLIS * 2, delay * 2);
      }
    }
  }

  /** Submits {@code outcome} and waits for its commit; true if it was accepted. */
  public boolean submitAndWait(StepOutcome outcome, Duration timeout) {
    if (!thread.running()) {
      throw new IllegalStateException("the engine is not started (call Cairn.start())");
    }
    try {
      return submit(outcome).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw new CairnException("no commit of " + outcome + " within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CairnException("interrupted waiting for " + outcome, e);
    }
  }

  /**
   * Splits a batch so that no round holds two outcomes about the same step: a fenced statement matches a step row
   * at most once, so two writers' outcomes for one step (a superseded attempt's late result beside the current
   * one, a forged result beside the real one) are applied one after the other, each judged on its own.
   */
  static List<List<Pending>> rounds(List<Pending> batch) {
    List<List<Pending>> rounds = new ArrayList<>();
    List<Set<Long>> stepsOfRound = new ArrayList<>();
    for (Pending pending : batch) {
      Long step = stepOf(pending.outcome());
      int round = 0;
      while (step != null && round < rounds.size() && stepsOfRound.get(round).contains(step)) {
        round++;
      }
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
        stepsOfRound.add(new HashSet<>());
      }
      rounds.get(round).add(pending);
      if (step != null) {
        stepsOfRound.get(round).add(step);
      }
    }
    return rounds;
  }

  private static Long stepOf(StepOutcome outcome) {
    if (outcome instanceof StepOutcome.Succeeded succeeded) {
      return succeeded.attempt().stepId();
    }
    if (outcome instanceof StepOutcome.Failed failed) {
      return failed.attempt().stepId();
    }
    if (outcome instanceof StepOutcome.Suspended suspended) {
      return suspended.attempt().stepId();
    }
    if (outcome instanceof StepOutcome.Released released) {
      return released.attempt().stepId();
    }
    if (outcome instanceof StepOutcome.LeaseExpired expired) {
      return expired.attempt().stepId();
    }
    return null;
  }

  private void write(List<Pending> batch) {
    List<StepOutcome> outcomes = batch.stream().map(Pending::outcome).toList();
    LocalLeases.Leased[] leased = {LocalLeases.Leased.NONE};
    long began = System.nanoTime();
    BatchResult ending = CompletionBatch.endsRuns(outcomes) ? writeEnding(outcomes) : null;
    BatchResult result = ending != null ? ending : writeGeneral(outcomes, leased);
    signals.outcomesWritten(outcomes.size(), Duration.ofNanos(System.nanoTime() - began));
    leased[0].start();
    for (Pending pending : batch) {
      pending.accepted().complete(result.accepted.contains(pending.outcome()));
    }
    if (result.stepsQueued > 0) {
      signals.stepsQueued(result.stepsQueued, leased[0].count(), 0);
    }
    // Waiters of the freed keys the fast path could not all take need a dispatcher round; when it offered them all,
    // a round now would only contend with the next completion's admission (the poll remains the fallback).
    if (result.keysReleased && !leased[0].servedFreedKeys()) {
      signals.keysReleased();
    }
    for (long delay : result.retryDelaysMillis) {
      signals.stepsQueued(1, 0, delay);
    }
    if (!result.finishedRuns.isEmpty()) {
      signals.runsFinished(result.finishedRuns, result.workflowOfRun, result.outputs);
    }
    if (!result.expiredLeaseRuns.isEmpty()) {
      signals.leasesExpired(result.expiredLeaseRuns);
    }
    if (!result.cancelledAttempts.isEmpty()) {
      signals.stepsCancelled(result.cancelledAttempts);
    }
    result.wakeAt.forEach((step, wake) -> signals.wakeAt(wake, result.wakeTimes.get(step)));
    for (StepOutcome.Wake parent : result.parentsToWake) {
      submit(parent);
    }
    signals.eventsAppended();
  }

  /**
   * Writes a batch whose steps should end their runs in one round trip; null if some run did not end with it (the
   * transaction rolled back, and the batch is to be written the general way).
   */
  private BatchResult writeEnding(List<StepOutcome> outcomes) {
    try {
      return store.inTransaction(tx -> new CompletionBatch(tx, codec, maxLeaseExpiries, channels, definitions)
          .applyEnding(outcomes));
    } catch (RuntimeException e) {
      if (!DatabaseErrors.isRunNotEnded(e)) {
        throw e;
      }
      log.debug("a run had steps left after a step expected to end it; writing the completion the general way");
      return null;
    }
  }

  /** Writes a batch of any outcomes; {@code leased} receives what the fast path leased in its transaction. */
  private BatchResult writeGeneral(List<StepOutcome> outcomes, LocalLeases.Leased[] leased) {
    try {
      return store.inTransaction(tx -> {
        leased[0].discard(); // a transaction tried again: the last try leased nothing
        leased[0] = LocalLeases.Leased.NONE;
        CompletionBatch completion = new CompletionBatch(tx, codec, maxLeaseExpiries, channels, definitions);
        BatchResult applied = completion.apply(outcomes);
        boolean mayLease = applied.stepsQueued > 0 || !applied.freedKeys.isEmpty();
        // With nothing to lease after it, the event log's statement is the last and carries the commit: a run's
        // final completion then takes one round trip less.
        completion.writeEventLog(!mayLease);
        if (mayLease) {
          Set<String> workflows = new HashSet<>();
          applied.runsQueued.forEach(run -> workflows.add(applied.workflowOfRun.get(run)));
          workflows.remove(null);
          leased[0] = local.leaseWithin(tx, outcomes.size() <= MAX_ADMITTING_BATCH
              ? LocalLeases.Scope.completion(applied.runsQueued, workflows, applied.freedKeys)
              : LocalLeases.Scope.claimable(applied.runsQueued, workflows));
        }
        return applied;
      });
    } catch (RuntimeException e) {
      leased[0].discard();
      throw e;
    }
  }
}
