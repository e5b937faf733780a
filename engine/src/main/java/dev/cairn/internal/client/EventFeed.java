package dev.cairn.internal.client;

import dev.cairn.RunEvent;
import dev.cairn.Subscription;
import dev.cairn.db.EventRow;
import dev.cairn.db.RunCursor;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.service.DaemonThread;
import dev.cairn.internal.service.Wakeup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers run events to subscriptions: each single-run subscription from its own cursor (its last delivered
 * sequence number), each metadata subscription from a cursor per matching run. Woken whenever events are
 * appended (locally or, through NOTIFY, on another node), with the poll interval as a fallback. Per run,
 * events commit in sequence order, so reading "after the cursor" never skips one that commits later: a
 * subscriber that reconnects with its last sequence number gets every event once. Deliveries run on the feed
 * thread, in order; a slow consumer delays the others. Thread-safe.
 */
public final class EventFeed {
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

  private abstract class Watch implements Subscription {
    final Consumer<RunEvent> consumer;
    final BooleanSupplier ready;
    volatile boolean closed;

    Watch(Consumer<RunEvent> consumer, BooleanSupplier ready) {
      this.consumer = consumer;
      this.ready = ready;
    }

    /** Whether the subscriber takes more events now (a gRPC stream may be full; it is retried on the next wake). */
    boolean ready() {
      return !closed && ready.getAsBoolean();
    }

    void deliver(EventRow row) {
      try {
        consumer.accept(RunReader.event(row));
      } catch (RuntimeException e) {
        log.warn("event subscriber failed on {} #{}: {}", row.runId(), row.seq(), e.toString());
      }
    }
  }

  private final class RunWatch extends Watch {
    final UUID runId;
    volatile long cursor;

    RunWatch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, BooleanSupplier ready) {
      super(consumer, ready);
      this.runId = runId;
      this.cursor = afterSeq;
    }

    @Override
    public long lastSeq() {
      return cursor;
    }

    @Override
    public void close() {
      closed = true;
      runWatches.remove(this);
    }
  }

  private final class MetadataWatch extends Watch {
    final String metadataJson;
    final Instant since;
    final Map<UUID, Long> cursors = new HashMap<>();

    MetadataWatch(String metadataJson, Instant since, Consumer<RunEvent> consumer, BooleanSupplier ready) {
      super(consumer, ready);
      this.metadataJson = metadataJson;
      this.since = since;
    }

    @Override
    public long lastSeq() {
      return 0;
    }

    @Override
    public void close() {
      closed = true;
      metadataWatches.remove(this);
    }
  }

  /** Events of one run after {@code afterSeq}, then live. */
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer) {
    return watch(runId, afterSeq, consumer, () -> true);
  }

  /**
   * As {@link #watch(UUID, long, Consumer)}, delivering only while {@code ready} says the subscriber takes more;
   * call {@link #wake()} when it becomes ready again.
   */
  public Subscription watch(UUID runId, long afterSeq, Consumer<RunEvent> consumer, BooleanSupplier ready) {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must be >= 0, got " + afterSeq);
    }
    RunWatch watch = new RunWatch(runId, afterSeq, consumer, ready);
    runWatches.add(watch);
    wakeup.signal();
    return watch;
  }

  /** Events of every run created at or after {@code since} whose metadata contain {@code metadata}, then live. */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer) {
    return watchRuns(metadata, since, consumer, () -> true);
  }

  /** As {@link #watchRuns(Map, Instant, Consumer)}, with flow control as in {@link #watch(UUID, long, Consumer,
   * BooleanSupplier)}. */
  public Subscription watchRuns(Map<String, String> metadata, Instant since, Consumer<RunEvent> consumer,
      BooleanSupplier ready) {
    MetadataWatch watch = new MetadataWatch(codec.encode(metadata), since, consumer, ready);
    metadataWatches.add(watch);
    wakeup.signal();
    return watch;
  }

  /** Events were appended somewhere: look. */
  public void wake() {
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
        try {
          deliverRunWatches();
          metadataWatches.forEach(this::deliver);
        } catch (RuntimeException e) {
          log.warn("reading events for subscriptions failed, trying again: {}", e.toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliverRunWatches() {
    while (!runWatches.isEmpty()) {
      Map<UUID, Long> lowest = new HashMap<>();
      for (RunWatch watch : runWatches) {
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
        for (RunWatch watch : runWatches) {
          if (watch.runId.equals(row.runId()) && row.seq() == watch.cursor + 1 && watch.ready()) {
            watch.deliver(row);
            watch.cursor = row.seq();
            delivered = true;
          }
        }
      }
      if (rows.size() < PAGE || !delivered) {
        return;
      }
    }
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
        if (row.seq() == cursor + 1 && watch.ready()) {
          watch.deliver(row);
          watch.cursors.put(row.runId(), row.seq());
          delivered = true;
        }
      }
      if (!delivered) {
        return;
      }
    }
  }
}
