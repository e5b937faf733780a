package dev.cairn.internal.dispatch;

import dev.cairn.CairnClock;
import dev.cairn.CairnListener;
import dev.cairn.StepTimeoutException;
import dev.cairn.db.Renewal;
import dev.cairn.db.Store;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.Wait;
import dev.cairn.internal.store.StoreTypes;
import dev.cairn.internal.validate.Ranges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every attempt this node handed out, local or remote, from its claim to its end: its execution deadline
 * (the step's timeout, extendable), its lease renewals, its result, and the one retry decision. An attempt ends
 * once: the first of its result, its timeout, its cancellation or its lost lease decides, and the others are
 * ignored. Reports about an attempt the tracker does not follow (another node's, a stale one) are refused here;
 * the store's fences refuse them again in the statement that would write. Thread-safe.
 */
public final class AttemptTracker {
  private static final Logger log = LoggerFactory.getLogger(AttemptTracker.class);

  private final OutcomeSink completer;
  private final Store store;
  private final CairnClock clock;
  private final Duration lease;
  private final DoubleSupplier jitter;
  private final CairnListener listener;
  private final Map<Long, TrackedAttempt> attempts = new ConcurrentHashMap<>();
  /**
   * One timer, set for the earliest deadline of the attempts followed (null: none set). A timer per attempt woke the
   * timer thread at every claim (each new deadline was the earliest in its queue once the last attempt's was
   * cancelled): 12 us of CPU per single-step run, on a 2-core machine taken from the threads the run waits for.
   * Deadlines only move later (extend) or go away (the attempt ends): a ring times out the attempts due by then and
   * sets the timer for the next deadline. Guarded by this tracker's monitor. (Not a ClockAlarm: that one drops a
   * request made from inside its own ring for the instant it rang early for, leaving the deadline to a fallback poll
   * this tracker does not have, and its ring does not say which instant it was set for.)
   */
  private Instant alarmSetFor;
  private CairnClock.Timer alarm;

  public AttemptTracker(OutcomeSink completer, Store store, CairnClock clock, Duration lease, DoubleSupplier jitter,
      CairnListener listener) {
    this.completer = completer;
    this.store = store;
    this.clock = clock;
    this.lease = lease;
    this.jitter = jitter;
    this.listener = listener;
  }

  /** Starts following an attempt just leased to {@code pool}; its execution deadline runs from now. */
  public TrackedAttempt track(SlotPool pool, AttemptId ref, AssignedStep step, WorkflowDefinition workflow) {
    TrackedAttempt attempt = new TrackedAttempt(ref, step, workflow, pool, clock.now());
    attempts.put(ref.stepId(), attempt);
    alarmAt(attempt.deadline());
    return attempt;
  }

  /** The attempt followed for this step, if it is exactly {@code ref} (same run, attempt and holder). */
  public Optional<TrackedAttempt> find(AttemptId ref) {
    TrackedAttempt attempt = attempts.get(ref.stepId());
    return attempt != null && attempt.ref().equals(ref) && !attempt.hasEnded() ? Optional.of(attempt)
        : Optional.empty();
  }

  /** Attempts running in {@code pool}. */
  public List<TrackedAttempt> of(SlotPool pool) {
    return attempts.values().stream().filter(attempt -> attempt.pool() == pool).toList();
  }

  public int inFlight(SlotPool pool) {
    int count = 0;
    for (TrackedAttempt attempt : attempts.values()) {
      if (attempt.pool() == pool) {
        count++;
      }
    }
    return count;
  }

  /**
   * The attempt succeeded; empty if the tracker does not follow it (refused). With {@code here}, the caller's
   * thread may write the result itself ({@link OutcomeSink#submitHere}).
   */
  public Optional<CompletableFuture<Boolean>> succeeded(AttemptId ref, String outputJson, boolean here) {
    return end(ref).map(attempt -> {
      Duration ranFor = Duration.between(attempt.started(), clock.now());
      // Counted before the run's waiters are told: a test or a dashboard that saw the run finish sees the step too.
      boolean endsRun = attempt.workflow().endsWith(attempt.step().stepName());
      StepOutcome succeeded = new StepOutcome.Succeeded(ref, outputJson, endsRun);
      BiConsumer<Boolean, Throwable> counted = (accepted, error) -> {
        if (error == null && accepted) {
          listener.stepSucceeded(attempt.step().workflowName(), attempt.step().stepName(), ranFor);
        }
      };
      return here ? completer.submitHere(succeeded, counted) : completer.submit(succeeded, counted);
    });
  }

  /** The attempt failed; the retry decision is made here. Empty if the tracker does not follow it. */
  public Optional<CompletableFuture<Boolean>> failed(AttemptId ref, String error, boolean retryable) {
    return end(ref).map(attempt -> fail(attempt, error, retryable, false));
  }

  /** The attempt waits (children, a sleep, an event). Empty if the tracker does not follow it. */
  public Optional<CompletableFuture<Boolean>> suspended(AttemptId ref, Wait wait) {
    return end(ref).map(attempt -> completer.submit(new StepOutcome.Suspended(ref, wait)));
  }

  /**
   * The attempt was never started (its lease ran out before its pool could start it): it stops being renewed and
   * goes back to the queue without counting a failure (fenced: a no-op if it was taken back meanwhile). Empty if the
   * tracker does not follow it.
   */
  public Optional<CompletableFuture<Boolean>> notStarted(AttemptId ref) {
    return end(ref).map(attempt -> {
      log.info("{} was not started (its lease ran out first); handing it back to the queue", attempt);
      return completer.submit(new StepOutcome.Released(ref));
    });
  }

  /** A progress event of a running attempt: written fenced, like a result, if the attempt is followed here. */
  public Optional<CompletableFuture<Boolean>> emitted(AttemptId ref, String type, String payloadJson) {
    return find(ref).map(attempt -> completer.submit(new StepOutcome.Emitted(ref, attempt.step().stepName(), type,
        payloadJson)));
  }

  /** Moves the attempt's deadline later by {@code extra}, never past the longest timeout an attempt may have. */
  public boolean extend(AttemptId ref, Duration extra) {
    Optional<TrackedAttempt> found = find(ref);
    found.ifPresent(attempt -> {
      Instant latest = attempt.started().plus(Ranges.MAX_STEP_TIMEOUT);
      Instant later = attempt.deadline().plus(extra);
      attempt.deadline(later.isAfter(latest) ? latest : later);
      alarmAt(attempt.deadline());
    });
    return found.isPresent();
  }

  /**
   * Renews the leases of {@code pool}'s attempts; those it lost (taken back after they expired, or no longer
   * current) are stopped. A row another transaction holds right now is not a lost lease.
   */
  public void renew(SlotPool pool) {
    List<TrackedAttempt> running = of(pool).stream().filter(attempt -> !attempt.hasEnded()).toList();
    if (running.isEmpty()) {
      return;
    }
    Map<Long, Renewal> renewals = store.stepRenewLeaseAll(
        running.stream().map(attempt -> StoreTypes.ref(attempt.ref())).toList(), lease.toMillis());
    for (TrackedAttempt attempt : running) {
      if (renewals.get(attempt.ref().stepId()) == Renewal.LOST && attempt.claimEnd()) {
        log.warn("{} lost its lease (taken back after it expired); stopping it", attempt);
        forget(attempt);
        pool.stop(attempt.ref(), "the attempt lost its lease");
      }
    }
  }

  /** These steps were cancelled: their attempts, wherever they run, are stopped. */
  public void cancelled(Map<Long, Integer> cancelled) {
    for (Map.Entry<Long, Integer> step : cancelled.entrySet()) {
      TrackedAttempt attempt = attempts.get(step.getKey());
      // Only the attempt that was cancelled: a notification can arrive after a replay started the step again.
      if (attempt != null && attempt.ref().attempt() == step.getValue() && attempt.claimEnd()) {
        log.info("{} was cancelled; stopping it", attempt);
        forget(attempt);
        attempt.pool().stop(attempt.ref(), "the run was cancelled");
      }
    }
  }

  /** Hands every unfinished attempt of {@code pool} back to the queue (the node is shutting down). */
  public void handBack(SlotPool pool) {
    for (TrackedAttempt attempt : of(pool)) {
      if (attempt.claimEnd()) {
        log.info("shutting down: handing {} back to the queue", attempt);
        forget(attempt);
        completer.submit(new StepOutcome.Released(attempt.ref()));
        pool.stop(attempt.ref(), "the node is shutting down");
      }
    }
  }

  /** Stops following {@code pool}'s attempts (its session ended; their leases stay until they expire). */
  public void forgetAll(SlotPool pool) {
    of(pool).forEach(this::forget);
  }

  /** The attempt ended here (its result is being written): stop timing it. */
  private Optional<TrackedAttempt> end(AttemptId ref) {
    Optional<TrackedAttempt> found = find(ref);
    if (found.isEmpty() || !found.get().claimEnd()) {
      return Optional.empty();
    }
    forget(found.get());
    return found;
  }

  private void forget(TrackedAttempt attempt) {
    attempts.remove(attempt.ref().stepId(), attempt);
  }

  /** Sets the timer for {@code at} unless it is set for that instant or an earlier one. */
  private synchronized void alarmAt(Instant at) {
    if (alarmSetFor != null && !at.isBefore(alarmSetFor)) {
      return;
    }
    if (alarm != null) {
      alarm.cancel();
    }
    alarmSetFor = at;
    alarm = clock.at(at, () -> timeOutDue(at));
  }

  /**
   * The timer set for {@code rang} rang: the attempts whose deadline is then or before it time out (a timer may ring
   * a little early: the clock counts whole milliseconds), and the timer is set for the next deadline.
   */
  private void timeOutDue(Instant rang) {
    synchronized (this) {
      if (!rang.equals(alarmSetFor)) {
        return; // replaced by an earlier one, which has rung
      }
      alarmSetFor = null;
      alarm = null;
    }
    Instant now = clock.now();
    Instant due = now.isAfter(rang) ? now : rang;
    Instant next = null;
    for (TrackedAttempt attempt : attempts.values()) {
      Instant deadline = attempt.deadline();
      if (!deadline.isAfter(due)) {
        timedOut(attempt);
      } else if (next == null || deadline.isBefore(next)) {
        next = deadline;
      }
    }
    if (next != null) {
      alarmAt(next);
    }
  }

  private void timedOut(TrackedAttempt attempt) {
    if (!attempt.claimEnd()) {
      return;
    }
    forget(attempt);
    long millis = Duration.between(attempt.started(), clock.now()).toMillis();
    // Described like any thrown failure, so the stored text says what kind of failure it was.
    fail(attempt, StepTimeoutException.class.getName() + ": timed out after " + millis + " ms", true, true);
    attempt.pool().stop(attempt.ref(), "timed out");
  }

  private CompletableFuture<Boolean> fail(TrackedAttempt attempt, String error, boolean retryable, boolean timedOut) {
    Long delay = RetryDecision.delayMillis(attempt.definition().retryPolicy(), attempt.step().failures(), retryable,
        jitter.getAsDouble());
    log.info("{} failed{}: {}", attempt, delay != null ? ", retrying in " + delay + " ms" : " for good", error);
    listener.stepFailed(attempt.step().workflowName(), attempt.step().stepName(),
        Duration.between(attempt.started(), clock.now()), delay != null);
    return completer.submit(new StepOutcome.Failed(attempt.ref(), error, timedOut, delay));
  }

  /** All attempts followed now (for tests and inventories). */
  List<TrackedAttempt> all() {
    return new ArrayList<>(attempts.values());
  }
}
