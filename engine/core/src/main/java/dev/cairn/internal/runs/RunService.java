package dev.cairn.internal.runs;

import dev.cairn.BulkResult;
import dev.cairn.CairnClock;
import dev.cairn.CairnException;
import dev.cairn.CancelResult;
import dev.cairn.EventPush;
import dev.cairn.PushedEvent;
import dev.cairn.RunEvent;
import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Subscription;
import dev.cairn.db.RunRow;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.Completer;
import dev.cairn.internal.completion.StepOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Operating runs on this node: trigger, read, wait, list, watch, cancel, replay, delete and push events. The embedded
 * {@code Cairn} and the gRPC run service both go through it, so they refuse and answer alike. Thread-safe.
 */
public final class RunService {
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final Store store;
  private final PayloadCodec codec;
  private final Triggerer triggerer;
  private final RunReader reader;
  private final RunWaiters waiters;
  private final EventFeed feed;
  private final Completer completer;
  private final Runnable stepsQueued;
  private final CairnClock clock;
  private final EventRouter events;
  private final RunRetention retention;

  public RunService(Store store, PayloadCodec codec, Triggerer triggerer, RunReader reader, RunWaiters waiters,
      EventFeed feed, Completer completer, Runnable stepsQueued, CairnClock clock, EventRouter events,
      RunRetention retention) {
    this.events = events;
    this.retention = retention;
    this.store = store;
    this.codec = codec;
    this.triggerer = triggerer;
    this.reader = reader;
    this.waiters = waiters;
    this.feed = feed;
    this.completer = completer;
    this.stepsQueued = stepsQueued;
    this.clock = clock;
  }

  /** Starts runs; one id per request, in order (the existing run for a known idempotency key). */
  public List<UUID> trigger(List<Triggerer.Request> requests) {
    return triggerer.triggerAll(requests);
  }

  public Optional<RunView> find(UUID runId) {
    return reader.find(runId);
  }

  public RunView get(UUID runId) {
    return reader.get(runId);
  }

  /** The run's row (status, last event number), if it exists. */
  public Optional<RunRow> row(UUID runId) {
    return store.runGet(runId);
  }

  public RunView await(UUID runId, Duration timeout) {
    return waiters.await(runId, timeout);
  }

  /**
   * The run's output (its single terminal step's) once it is final, as {@link RunView#result} gives it; decoded from
   * memory when this node ended the run with that output at hand, else read with the run.
   */
  public <T> T result(UUID runId, Class<T> type, Duration timeout) {
    RunWaiters.Ended ended = waiters.awaitOutput(runId, timeout);
    return ended.outputJson() != null ? codec.decode(ended.outputJson(), type) : ended.run().result(type);
  }

  /** The run once final, or as it is when {@code timeout} has passed. */
  public RunView awaitAtMost(UUID runId, Duration timeout) {
    return waiters.awaitAtMost(runId, timeout);
  }

  public RunPage list(RunQuery query) {
    return reader.list(query);
  }

  public List<RunEvent> events(UUID runId, long afterSeq, int limit) {
    return reader.events(runId, afterSeq, limit);
  }

  public CancelResult cancel(UUID runId) {
    RunStatus status = reader.status(runId).orElseThrow(() -> new CairnException("no run with id " + runId));
    if (status.isFinal()) {
      return CancelResult.ALREADY_FINISHED;
    }
    return completer.submitAndWait(new StepOutcome.Cancel(runId), CONTROL_TIMEOUT) ? CancelResult.CANCELLED
        : CancelResult.ALREADY_FINISHED;
  }

  public void replay(UUID runId) {
    RunStatus status = reader.status(runId).orElseThrow(() -> new CairnException("no run with id " + runId));
    if (status != RunStatus.FAILED && status != RunStatus.CANCELLED) {
      throw new IllegalStateException("run " + runId + " is " + status + ": only a failed or cancelled run can be"
          + " replayed");
    }
    if (!completer.submitAndWait(new StepOutcome.Replay(runId), CONTROL_TIMEOUT)) {
      throw new IllegalStateException("run " + runId + " was not replayed: it is no longer failed or cancelled");
    }
    stepsQueued.run();
  }

  /** Deletes a finished run with its tree (see {@link RunRetention#delete}). */
  public void delete(UUID runId) {
    retention.delete(runId);
  }

  /** Deletes the finished runs the query matches, a page at a time. */
  public BulkResult deleteAll(RunQuery query) {
    return retention.deleteAll(query);
  }

  /** Cancels the unfinished runs the query matches, a page at a time (see {@link BulkOperation}). */
  public BulkResult cancelAll(RunQuery query) {
    return new BulkOperation(reader).apply(query, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING),
        BulkOperation.throughCompleter(completer, CONTROL_TIMEOUT, id -> new StepOutcome.Cancel(id, "cancelled in bulk")));
  }

  /** Replays the failed and cancelled runs the query matches, a page at a time. */
  public BulkResult replayAll(RunQuery query) {
    BulkResult result = new BulkOperation(reader).apply(query, EnumSet.of(RunStatus.FAILED, RunStatus.CANCELLED),
        BulkOperation.throughCompleter(completer, CONTROL_TIMEOUT, StepOutcome.Replay::new));
    if (result.changed() > 0) {
      stepsQueued.run();
    }
    return result;
  }

  /** Stores a pushed event, wakes the steps waiting for its key and starts its triggers' runs. */
  public PushedEvent push(EventPush push) {
    return events.push(push);
  }

  /** Pushed events, newest first, of {@code key} (null: of every key). */
  public List<PushedEvent> pushedEvents(String key, int limit) {
    return events.list(key, limit);
  }

  /** Events of one run after {@code afterSeq}, then live. */
  public Subscription watch(UUID runId, long afterSeq, Subscriber subscriber) {
    return feed.watch(runId, afterSeq, subscriber);
  }

  /**
   * Events of every run created at or after {@code since} (null: the engine's now) whose metadata contain
   * {@code metadata}, then live.
   */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Subscriber subscriber) {
    return feed.watchRuns(metadata, since == null ? clock.now() : since, subscriber);
  }

  /** A subscriber became ready for more events. */
  public void subscriberReady() {
    feed.wake();
  }
}
