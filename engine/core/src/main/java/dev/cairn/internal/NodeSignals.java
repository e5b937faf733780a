package dev.cairn.internal;

import dev.cairn.CairnClock;
import dev.cairn.CairnListener;
import dev.cairn.RunStatus;
import dev.cairn.internal.completion.CompletionSignals;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.dispatch.AttemptTracker;
import dev.cairn.internal.dispatch.Dispatcher;
import dev.cairn.internal.notify.Announcer;
import dev.cairn.internal.runs.RunSpans;
import dev.cairn.internal.runs.RunWaiters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a commit of the completer sets in motion on this node: the dispatcher looks for queued steps, waiters and
 * subscriptions wake (here at once, on the other nodes when announced), cancelled attempts stop, sleeping steps get
 * their timers. Called by the writer (the completer thread, or a slot writing its lone result) after each commit,
 * one at a time. Thread-safe.
 */
final class NodeSignals implements CompletionSignals {
  private final CairnListener listener;
  private final CairnClock clock;
  private Dispatcher dispatcher;
  private AttemptTracker tracker;
  private RunWaiters waiters;
  private RunSpans spans;
  /** This node's one reaction to appended events (its subscriptions look, the other nodes are told). */
  private Runnable eventsAppended;
  private Announcer announcer;
  private OutcomeSink completer;

  NodeSignals(CairnListener listener, CairnClock clock) {
    this.listener = listener;
    this.clock = clock;
  }

  /** The parts signalled, made after the completer that signals them. */
  void connect(Dispatcher dispatcher, AttemptTracker tracker, RunWaiters waiters, RunSpans spans,
      Runnable eventsAppended, Announcer announcer, OutcomeSink completer) {
    this.spans = spans;
    this.dispatcher = dispatcher;
    this.tracker = tracker;
    this.waiters = waiters;
    this.eventsAppended = eventsAppended;
    this.announcer = announcer;
    this.completer = completer;
  }

  @Override
  public void stepsQueued(int count, int leasedHere, long delayMillis) {
    listener.stepsQueued(count);
    if (delayMillis <= 0) {
      if (count > leasedHere) {
        dispatcher.wake();
      }
    } else {
      dispatcher.wakeAfter(Duration.ofMillis(delayMillis));
    }
  }

  @Override
  public void outcomesWritten(int count, Duration took) {
    listener.outcomesWritten(count, took);
  }

  @Override
  public void keysReleased() {
    dispatcher.wake();
  }

  @Override
  public void runsFinished(Map<UUID, RunStatus> runs, Map<UUID, String> workflowOfRun, Map<UUID, String> outputs) {
    waiters.finished(runs.keySet(), outputs);
    announcer.runsFinished(runs.keySet());
    spans.finished(runs);
    runs.forEach((id, status) -> listener.runFinished(workflowOfRun.get(id), status));
  }

  @Override
  public void leasesExpired(List<UUID> runIds) {
    runIds.forEach(listener::leaseExpired);
  }

  @Override
  public void stepsCancelled(Map<Long, Integer> attempts) {
    tracker.cancelled(attempts);
  }

  @Override
  public void eventsAppended() {
    eventsAppended.run();
  }

  @Override
  public void wakeAt(StepOutcome.Wake wake, Instant at) {
    clock.at(at, () -> completer.submit(wake));
  }
}
