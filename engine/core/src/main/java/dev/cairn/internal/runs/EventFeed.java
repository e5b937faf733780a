package dev.cairn.internal.runs;

import dev.cairn.CairnException;
import dev.cairn.RunStatus;
import dev.cairn.Subscription;
import dev.cairn.db.DatabaseErrors;
import dev.cairn.db.EventRow;
import dev.cairn.db.RunCursor;
import dev.cairn.db.RunRow;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.concurrent.DaemonThread;
import dev.cairn.internal.concurrent.Wakeup;
import dev.cairn.internal.execution.EventTypes;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers run events to subscriptions: each single-run subscription from its own cursor (its last delivered
 * sequence number), each metadata subscription from a cursor per matching run. Woken whenever events are
 * appended (locally or, through NOTIFY, on another node), with the poll interval as a fallback. Per run,
 * events commit in sequence order, so reading "after the cursor" never skips one that commits later: a
 * subscriber that reconnects with its last sequence number gets every event once. Deliveries run on the feed
 * thread, in order; a slow consumer delays the others. {@link Subscription#close()} waits out a delivery in
 * progress, so nothing reaches a consumer after close returns and {@link Subscription#lastSeq()} is then the last
 * event it received. A single-run subscription ends by itself after the event that ends the run (the last of its
 * log: a replay appends more after a final event).
 *
 * <p>Subscriptions are isolated from each other. Filters are checked when subscribing, so one the database
 * cannot run is refused up front. A subscription whose consumer throws is closed at once and its subscriber told;
 * one whose own reads fail is tried again a poll interval later and, after {@link #MAX_FAILED_READS} failures in a
 * row, closed and its subscriber told. Neither stops the deliveries to the others. An unreachable database is no
 * subscription's fault: reads are retried while it lasts. Thread-safe.
 */
public final class EventFeed {
  /** Failed reads in a row (other than an unreachable database) after which a subscription is closed. */
  public static final int MAX_FAILED_READS = 3;
  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
  private static final int PAGE = 1000;

  private final Store store;
  private final PayloadCodec codec;
  private final Duration pollInterval;
  private final Wakeup wakeup = new Wakeup();
  private final Set<RunWatch> runWatches = ConcurrentHashMap.newKeySet();
  private final Set<MetadataWatch> metadataWatches = ConcurrentHashMap.newKeySet();
  private final DaemonThread thread = new DaemonThread("cairn-event-feed");

  public EventFeed(Store store, PayloadCodec codec, Duration pollInterval) {
    this.store = store;
    this.codec = codec;
    this.pollInterval = pollInterval;
  }

  /** A subscription's state; its failure counters are touched only by the feed thread. */
  private abstract class Watch implements Subscription {
    final Subscriber subscriber;
    /** Held while an event is handed to the consumer, so close() can wait until it is back. Reentrant: a consumer
     * may close its own subscription from within its callback. */
    private final ReentrantLock delivering = new ReentrantLock();
    volatile boolean closed;
    private int failedReads;
    private long retryAtNanos;

    Watch(Subscriber subscriber) {
      this.subscriber = subscriber;
    }

    /** Whether the subscriber takes more now; a subscriber that fails to say is closed. */
    boolean ready() {
      return !closed && guarded(() -> subscriber.ready().getAsBoolean());
    }

    /**
     * Delivers one event unless the subscription is closed, then moves the cursor with {@code delivered}, both
     * before a concurrent close() returns. False if closed or the consumer threw (the subscription is then closed
     * and its subscriber told).
     */
    boolean deliver(EventRow row, Runnable delivered) {
      delivering.lock();
      try {
        if (closed) {
          return false;
        }
        boolean accepted = guarded(() -> {
          subscriber.events().accept(RunReader.event(row));
          return true;
        });
        if (accepted) {
          delivered.run();
        }
        return accepted;
      } finally {
        delivering.unlock();
      }
    }

    /** Marks the subscription closed (no delivery starts after this) and waits out the one in progress, if any. */
    void markClosed() {
      closed = true;
      delivering.lock();
      delivering.unlock();
    }

    private boolean guarded(BooleanSupplier call) {
      try {
        return call.getAsBoolean();
      } catch (RuntimeException | Error e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw e;
        }
        log.warn("event subscriber {} failed; closing its subscription: {}", this, e.toString());
        end(e);
        return false;
      }
    }

    /** Whether a read may be tried now (not within a poll interval of a failed one). */
    boolean due() {
      return !closed && (failedReads == 0 || System.nanoTime() - retryAtNanos >= 0);
    }

    void readSucceeded() {
      failedReads = 0;
    }

    void readFailed(RuntimeException error) {
      if (DatabaseErrors.isUnavailable(error)) {
        log.warn("reading events for {} failed, the database is unavailable; trying again: {}", this, error.toString());
        return;
      }
      failedReads++;
      retryAtNanos = System.nanoTime() + pollInterval.toNanos();
      if (failedReads < MAX_FAILED_READS) {
        log.warn("reading events for {} failed ({} of {}); trying again: {}", this, failedReads, MAX_FAILED_READS,
            error.toString());
        return;
      }
      log.warn("reading events for {} failed {} times in a row; closing it: {}", this, failedReads, error.toString());
      end(error);
    }

    /** Closes the subscription and tells its subscriber why (null: the run ended), once. */
    void end(Throwable error) {
      if (closed) {
        return;
      }
      close();
      try {
        subscriber.onEnd().accept(error);
      } catch (RuntimeException e) {
        log.warn("event subscriber {} failed when told its subscription ended: {}", this, e.toString());
      }
    }
  }

  private final class RunWatch extends Watch {
    final UUID runId;
    volatile long cursor;

    RunWatch(UUID runId, long afterSeq, Subscriber subscriber) {
      super(subscriber);
      this.runId = runId;
      this.cursor = afterSeq;
    }

    @Override
    public long lastSeq() {
      return cursor;
    }

    @Override
    public void close() {
      markClosed();
      runWatches.remove(this);
    }

    @Override
    public String toString() {
      return "watch of run " + runId;
    }
  }

  private final class MetadataWatch extends Watch {
    final String metadataJson;
    final Instant since;
    final Map<UUID, Long> cursors = new HashMap<>();

    MetadataWatch(String metadataJson, Instant since, Subscriber subscriber) {
      super(subscriber);
      this.metadataJson = metadataJson;
      this.since = since;
    }

    @Override
    public long lastSeq() {
      return 0;
    }

    @Override
    public void close() {
      markClosed();
      metadataWatches.remove(this);
    }

    @Override
    public String toString() {
      return "watch of runs with metadata " + Text.quote(metadataJson) + " since " + since;
    }
  }

  /**
   * Events of one run after {@code afterSeq}, then live until the run's final event. Subscribed at the end of a
   * finished run's log, the subscription ends at once (the subscriber told, on this thread).
   *
   * @throws CairnException if there is no such run
   * @throws IllegalArgumentException if {@code afterSeq} is outside the run's log
   */
  public Subscription watch(UUID runId, long afterSeq, Subscriber subscriber) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(subscriber, "subscriber");
    RunRow run = store.runGet(runId).orElseThrow(() -> new CairnException("no run with id " + runId));
    Ranges.between("afterSeq", afterSeq, 0, run.lastEventSeq());
    RunWatch watch = new RunWatch(runId, afterSeq, subscriber);
    if (RunStatus.valueOf(run.status()).isFinal() && afterSeq == run.lastEventSeq()) {
      watch.end(null);
      return watch;
    }
    runWatches.add(watch);
    wakeup.signal();
    return watch;
  }

  /**
   * Events of every run created at or after {@code since} whose metadata contain {@code metadata}, then live.
   *
   * @throws IllegalArgumentException if the filter is not one the engine can run (metadata as
   *     {@link dev.cairn.TriggerOptions#metadata()} allows, {@code since} within years 1..9999): nothing is
   *     subscribed
   */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Subscriber subscriber) {
    Text.metadata("metadata", metadata);
    Ranges.instant("since", since);
    return watchRunsMatching(codec.encode(metadata), since, Objects.requireNonNull(subscriber, "subscriber"));
  }

  /** Subscribes a metadata filter already in JSON, unchecked (tests use it to make a read fail in the database). */
  Subscription watchRunsMatching(String metadataJson, Instant since, Subscriber subscriber) {
    MetadataWatch watch = new MetadataWatch(metadataJson, since, subscriber);
    metadataWatches.add(watch);
    wakeup.signal();
    return watch;
  }

  /**
   * Events were appended somewhere: look, if anyone subscribes. With no subscription there is nothing to read (a new
   * one is read from its cursor as it is added, by its own signal), and waking the thread for nothing, twice per run,
   * took CPU from the threads a run waits for (24 us per single-step run on a 2-core machine).
   */
  public void wake() {
    if (runWatches.isEmpty() && metadataWatches.isEmpty()) {
      return;
    }
    wakeup.signal();
  }

  public void start() {
    thread.start(this::loop);
  }

  public void stop() {
    thread.stop(wakeup::signal, Duration.ofSeconds(5));
  }

  private void loop() {
    try {
      while (thread.running()) {
        wakeup.await(pollInterval.toMillis());
        deliverRunWatches();
        for (MetadataWatch watch : metadataWatches) {
          read(watch, () -> deliver(watch));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One read for one subscription: a failure is counted against it alone. */
  private static void read(Watch watch, Runnable reading) {
    if (!watch.due()) {
      return;
    }
    try {
      reading.run();
      watch.readSucceeded();
    } catch (RuntimeException e) {
      watch.readFailed(e);
    }
  }

  /** All single-run subscriptions share one read; if it fails, each is read alone to find which fail. */
  private void deliverRunWatches() {
    List<RunWatch> due = runWatches.stream().filter(Watch::due).toList();
    try {
      deliver(due);
      due.forEach(Watch::readSucceeded);
    } catch (RuntimeException shared) {
      for (RunWatch watch : due) {
        read(watch, () -> deliver(List.of(watch)));
      }
    }
  }

  private void deliver(Collection<RunWatch> watches) {
    while (true) {
      Map<UUID, Long> lowest = new HashMap<>();
      for (RunWatch watch : watches) {
        if (watch.ready()) {
          lowest.merge(watch.runId, watch.cursor, Math::min);
        }
      }
      if (lowest.isEmpty()) {
        return;
      }
      List<UUID> ids = new ArrayList<>(lowest.keySet());
      List<EventRow> rows = store.eventListAfterAll(ids, ids.stream().map(lowest::get).toList(), PAGE);
      boolean delivered = false;
      for (EventRow row : rows) {
        for (RunWatch watch : watches) {
          if (watch.runId.equals(row.runId()) && row.seq() == watch.cursor + 1 && watch.ready()
              && watch.deliver(row, () -> watch.cursor = row.seq())) {
            delivered = true;
            if (EventTypes.endsRun(row.type()) && isLastOfLog(row)) {
              watch.end(null);
            }
          }
        }
      }
      if (rows.size() < PAGE || !delivered) {
        return;
      }
    }
  }

  /** Whether a final event is still the last of its run's log (no replay appended more since). */
  private boolean isLastOfLog(EventRow row) {
    return store.runGet(row.runId()).map(run -> run.lastEventSeq() == row.seq()).orElse(true);
  }

  private void deliver(MetadataWatch watch) {
    while (watch.ready()) {
      List<UUID> known = new ArrayList<>(watch.cursors.keySet());
      List<RunCursor> moved = store.runListWithEventsAfter(watch.metadataJson, watch.since, known,
          known.stream().map(watch.cursors::get).toList(), PAGE);
      if (moved.isEmpty()) {
        return;
      }
      List<UUID> ids = moved.stream().map(RunCursor::id).toList();
      List<EventRow> rows = store.eventListAfterAll(ids,
          ids.stream().map(id -> watch.cursors.getOrDefault(id, 0L)).toList(), PAGE);
      boolean delivered = false;
      for (EventRow row : rows) {
        long cursor = watch.cursors.getOrDefault(row.runId(), 0L);
        if (row.seq() == cursor + 1 && watch.ready()
            && watch.deliver(row, () -> watch.cursors.put(row.runId(), row.seq()))) {
          delivered = true;
        }
      }
      if (!delivered) {
        return;
      }
    }
  }
}
