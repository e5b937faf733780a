package dev.cairn.internal.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.cairn.CairnClock;
import dev.cairn.WorkerInfo;
import dev.cairn.WorkerPage;
import dev.cairn.WorkerQuery;
import dev.cairn.Workers;
import dev.cairn.db.WorkerFilter;
import dev.cairn.db.WorkerLoad;
import dev.cairn.db.WorkerRegistration;
import dev.cairn.db.WorkerRow;
import dev.cairn.db.WorkerStore;
import dev.cairn.internal.NodeSettings;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.dispatch.AttemptTracker;
import dev.cairn.internal.dispatch.SlotPool;
import dev.cairn.internal.dispatch.TrackedAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this node's rows of the shared worker inventory and lists it. A row is written when a worker registers
 * (or the node starts its own slots), again on a heartbeat once {@link #REFRESH} has passed on the engine's clock
 * since the last write, and marked gone when the stream ends. Each write moves the row's stale time
 * {@code staleAfter} ahead, so a row whose node died shows as stale on every reader's clock. Writes are best effort:
 * a failure is logged and never disturbs the stream. Thread-safe.
 */
public final class WorkerInventory implements Workers {
  /** The least time between two heartbeat writes of one row (the engine's clock). */
  public static final Duration REFRESH = Duration.ofSeconds(30);
  /** How long the rows of gone or stale workers are kept. */
  public static final Duration KEEP_GONE = Duration.ofDays(1);
  /** Most running attempts listed per worker. */
  static final int MAX_RUNNING = 100;
  private static final Logger log = LoggerFactory.getLogger(WorkerInventory.class);
  private static final TypeReference<List<Map<String, Object>>> ENTRIES = new TypeReference<>() {};

  private final WorkerStore store;
  private final CairnClock clock;
  private final PayloadCodec codec;
  private final AttemptTracker tracker;
  private final String nodeId;
  private final Duration staleAfter;
  private final Map<String, Entry> bySession = new ConcurrentHashMap<>();

  private static final class Entry {
    final SlotPool pool;
    final WorkerRegistration registration;
    volatile Instant writtenAt;

    Entry(SlotPool pool, WorkerRegistration registration) {
      this.pool = pool;
      this.registration = registration;
    }
  }

  /**
   * The node's settings: its id goes on every row it writes; its workers heartbeat every third of its lease, so a
   * row is stale only after two refreshes and two leases without a write.
   */
  public WorkerInventory(WorkerStore store, CairnClock clock, PayloadCodec codec, AttemptTracker tracker,
      NodeSettings node) {
    this.store = store;
    this.clock = clock;
    this.codec = codec;
    this.tracker = tracker;
    this.nodeId = node.nodeId();
    this.staleAfter = REFRESH.plus(node.lease()).multipliedBy(2);
  }

  /** What a worker offered, as its inventory row keeps it. */
  public record Offered(String workflowName, String fingerprint, String engineFingerprint, boolean accepted) {}

  /**
   * How a worker is connected. Nullable: tokenId (a node's own slots).
   *
   * @param address the stream's peer address; empty for a node's own slots
   */
  public record Connection(String tokenId, String host, String address, String version, int slots) {}

  /**
   * A worker registered (or the node's slots started): its row becomes this session's.
   *
   * @param kind "REMOTE" or "EMBEDDED"
   */
  public void connected(SlotPool pool, String kind, String sessionId, Connection connection, List<Offered> offered) {
    List<Map<String, Object>> definitions = new ArrayList<>();
    for (Offered definition : offered) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("workflow", definition.workflowName());
      entry.put("fingerprint", definition.fingerprint());
      entry.put("engine_fingerprint", definition.engineFingerprint());
      entry.put("accepted", definition.accepted());
      definitions.add(entry);
    }
    WorkerRegistration registration = new WorkerRegistration(pool.holder(), pool.workerId(), kind,
        connection.tokenId(), nodeId, sessionId, connection.host(), connection.address(), connection.version(),
        codec.encode(pool.labels()), connection.slots(), codec.encode(definitions));
    Entry entry = new Entry(pool, registration);
    bySession.put(registration.sessionId(), entry);
    write(entry, true);
  }

  /** The session was heard: its row is written again once {@link #REFRESH} has passed since the last write. */
  public void heartbeat(String sessionId) {
    Entry entry = bySession.get(sessionId);
    if (entry != null && !clock.now().isBefore(entry.writtenAt.plus(REFRESH))) {
      write(entry, false);
    }
  }

  /** The session's stream ended: its row is marked gone (unless a newer session of the worker took it over). */
  public void gone(String sessionId, String reason) {
    Entry entry = bySession.remove(sessionId);
    if (entry == null) {
      return;
    }
    try {
      store.workerGone(entry.registration.holder(), sessionId, reason);
    } catch (RuntimeException e) {
      log.warn("inventory: marking worker {} gone failed (it shows as stale instead): {}",
          entry.registration.workerId(), e.toString());
    }
  }

  /** The session was replaced by a newer one of the same worker, which owns the row now: nothing more is written. */
  public void forget(String sessionId) {
    bySession.remove(sessionId);
  }

  /** Deletes the rows of workers gone or stale for longer than {@link #KEEP_GONE}; returns how many. */
  public int deleteGone() {
    return store.workerDeleteGone(clock.now().minus(KEEP_GONE));
  }

  private void write(Entry entry, boolean takeOver) {
    entry.writtenAt = clock.now();
    try {
      store.workerUpsert(entry.registration, load(entry.pool), staleAfter, takeOver);
    } catch (RuntimeException e) {
      log.warn("inventory: writing worker {} failed, will try at its next heartbeat: {}",
          entry.registration.workerId(), e.toString());
    }
  }

  private WorkerLoad load(SlotPool pool) {
    List<TrackedAttempt> attempts = tracker.of(pool);
    List<Map<String, Object>> running = new ArrayList<>();
    for (TrackedAttempt attempt : attempts.subList(0, Math.min(attempts.size(), MAX_RUNNING))) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("run_id", attempt.ref().runId().toString());
      entry.put("workflow", attempt.step().workflowName());
      entry.put("step", attempt.step().stepName());
      entry.put("attempt", attempt.ref().attempt());
      entry.put("started_at", attempt.started().toString());
      running.add(entry);
    }
    return new WorkerLoad(attempts.size(), codec.encode(running));
  }

  @Override
  public WorkerPage list(WorkerQuery query) {
    String[] after = WorkerPageToken.decode(query.pageToken());
    List<WorkerRow> rows = store.workerList(new WorkerFilter(query.workflowName(), codec.encode(query.labels()),
        query.connectedOnly(), after == null ? null : after[0], after == null ? null : after[1],
        query.pageSize() + 1));
    List<WorkerInfo> workers = new ArrayList<>();
    for (WorkerRow row : rows.subList(0, Math.min(rows.size(), query.pageSize()))) {
      workers.add(info(row));
    }
    String next = rows.size() > query.pageSize() ? WorkerPageToken.encode(workers.get(workers.size() - 1)) : null;
    return new WorkerPage(workers, next);
  }

  private WorkerInfo info(WorkerRow row) {
    WorkerRegistration registration = row.registration();
    List<WorkerInfo.Definition> definitions = new ArrayList<>();
    for (Map<String, Object> entry : codec.<List<Map<String, Object>>>decode(registration.definitionsJson(),
        codec.type(ENTRIES.getType()))) {
      definitions.add(new WorkerInfo.Definition((String) entry.get("workflow"), (String) entry.get("fingerprint"),
          (String) entry.get("engine_fingerprint"), Boolean.TRUE.equals(entry.get("accepted"))));
    }
    List<WorkerInfo.RunningStep> running = new ArrayList<>();
    for (Map<String, Object> entry : codec.<List<Map<String, Object>>>decode(row.load().runningJson(),
        codec.type(ENTRIES.getType()))) {
      running.add(new WorkerInfo.RunningStep(UUID.fromString((String) entry.get("run_id")),
          (String) entry.get("workflow"), (String) entry.get("step"), ((Number) entry.get("attempt")).intValue(),
          Instant.parse((String) entry.get("started_at"))));
    }
    return new WorkerInfo(registration.workerId(), WorkerInfo.Kind.valueOf(registration.kind()),
        WorkerInfo.State.valueOf(row.state()), registration.holder(), registration.nodeId(), registration.host(),
        registration.version(), codec.decodeStringMap(registration.labelsJson()), registration.slots(),
        row.load().slotsUsed(), definitions, running, new WorkerInfo.Connection(registration.tokenId(),
            registration.sessionId(), registration.address(), row.connectedAt(), row.heartbeatAt(), row.staleAt(),
            row.goneAt(), row.goneReason()));
  }
}
