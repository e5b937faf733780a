package dev.cairn.grpc.adversarial;

import dev.cairn.Cairn;
import dev.cairn.EventPush;
import dev.cairn.NewToken;
import dev.cairn.PushedEvent;
import dev.cairn.Role;
import dev.cairn.RunEvent;
import dev.cairn.ScheduleSpec;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.grpc.Metadata;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One engine per test class: gRPC on localhost with the default message limit (16 MiB, so 1 MiB values reach
 * the handlers), an admin, a client and a worker token, one finished run, two schedules, three event triggers (and
 * one declared) and one pushed event for requests to point at.
 */
final class AdversarialEngine implements AutoCloseable {
  static final String WORKFLOW = "adversarial-echo";
  /** The schedule requests point at: it ticks once a year (Jan 1st, 00:00 UTC), so no tick runs during a test. */
  static final String SCHEDULE = "adversarial-schedule";
  /** A schedule only DeleteSchedule's valid request names, so no case can delete the one the others need. */
  static final String SPARE_SCHEDULE = "adversarial-spare";
  static final String YEARLY = "0 0 1 1 *";
  /** A workflow no case triggers: pausing it holds nothing the other cases wait for. */
  static final String PAUSABLE = "adversarial-pausable";
  /** The key PushEvent's valid request pushes: {@link #TRIGGER} starts a run of {@link #WORKFLOW} per new event. */
  static final String PUSHED_KEY = "adversarial-key";
  /** The metadata entry of PushEvent's valid request that {@link #TRIGGER}'s filter asks for. */
  static final String ORIGIN = "origin";
  static final String ORIGIN_VALUE = "adversarial";
  /** An event pushed at the start under {@link #PUSHED_KEY}: pushing its id again is a redelivery. */
  static final String PUSHED_ID = "adversarial-pushed";
  /** The trigger of {@link #PUSHED_KEY}: an accepted push starts a run that finishes (so settle() ends). */
  static final String TRIGGER = "adversarial-trigger";
  /** A key no case pushes: the triggers CreateEventTrigger's valid requests make, and the spare ones, wait on it. */
  static final String TRIGGER_KEY = "adversarial-trigger-key";
  /** A trigger only DeleteEventTrigger's valid request names, so no refused case can delete one another needs. */
  static final String SPARE_TRIGGER = "adversarial-spare-trigger";
  /** The trigger the one accepted DeleteEventTrigger case deletes. */
  static final String DELETABLE_TRIGGER = "adversarial-deletable-trigger";
  /** A workflow declaring a trigger by annotation, on a key no case pushes. */
  static final String ON_EVENT = "adversarial-on-event";
  static final String DECLARED_KEY = "adversarial-declared-key";
  /** The trigger {@link #ON_EVENT} declares: deleting it is refused. */
  static final String DECLARED_TRIGGER = ON_EVENT + "@" + DECLARED_KEY;
  /** A workflow declaring its retention by annotation (forever: nothing is deleted): the API may not change it. */
  static final String KEPT = "adversarial-kept";
  private static final List<String> TABLES = List.of("runs", "steps", "events", "tokens", "pushed_events",
      "schedules", "workflow_pauses", "event_triggers", "workflow_retention", "workers");

  /** Takes any JSON input (so JSON checks, not input types, decide) and returns it. */
  @Workflow(name = WORKFLOW)
  static final class Echo {
    @Step
    Object echo(Object input) {
      return input;
    }
  }

  @Workflow(name = PAUSABLE)
  static final class Pausable {
    @Step
    Object hold(Object input) {
      return input;
    }
  }

  @Workflow(name = ON_EVENT, onEvents = DECLARED_KEY)
  static final class OnEvent {
    @Step
    Object take(Object input) {
      return input;
    }
  }

  @Workflow(name = KEPT, retention = "forever")
  static final class Kept {
    @Step
    Object keep(Object input) {
      return input;
    }
  }

  /**
   * Row counts of the engine's tables, and a hash of every schedule's row and of every workflow's retention (an
   * update or pause changes no count): equal before and after a refused call.
   */
  record RowCounts(Map<String, Long> byTable) {}

  final String schema;
  final Cairn cairn;
  final String target;
  final NewToken admin;
  final NewToken client;
  final NewToken worker;
  final UUID finishedRun;
  final long finishedRunLastSeq;
  /** A finished run only DeleteRun's valid request names, so no refused case can delete one another needs. */
  final UUID spareRun;
  /** The finished run the one accepted DeleteRun case deletes. */
  final UUID deletableRun;
  /** A run delayed by ten years: QUEUED (unfinished) for the whole test, so deleting it is refused. */
  final UUID unfinishedRun;
  private final Connection counter;

  private AdversarialEngine(String schema, Cairn cairn) throws SQLException {
    this.schema = schema;
    this.cairn = cairn;
    this.target = "127.0.0.1:" + cairn.grpcPort();
    this.admin = cairn.tokens().create("adversarial admin", Role.ADMIN, null);
    this.client = cairn.tokens().create("adversarial client", Role.CLIENT, null);
    this.worker = cairn.tokens().create("adversarial worker", Role.WORKER, null);
    for (String name : List.of(SCHEDULE, SPARE_SCHEDULE)) {
      cairn.schedules().create(ScheduleSpec.builder(name, WORKFLOW).cron(YEARLY).build());
    }
    cairn.eventTriggers().create(TRIGGER, PUSHED_KEY, WORKFLOW, "/metadata/" + ORIGIN + " == \"" + ORIGIN_VALUE
        + "\"");
    for (String name : List.of(SPARE_TRIGGER, DELETABLE_TRIGGER)) {
      cairn.eventTriggers().create(name, TRIGGER_KEY, WORKFLOW, null);
    }
    PushedEvent pushed = cairn.push(EventPush.builder(PUSHED_KEY).eventId(PUSHED_ID).payload(Map.of("a", 1))
        .metadata(ORIGIN, ORIGIN_VALUE).build());
    for (UUID run : pushed.runIds()) {
      cairn.await(run, Duration.ofSeconds(30));
    }
    this.finishedRun = cairn.trigger(WORKFLOW, Map.of("a", 1)).id();
    cairn.await(finishedRun, Duration.ofSeconds(30));
    List<RunEvent> events = cairn.events(finishedRun, 0, 1000);
    this.finishedRunLastSeq = events.get(events.size() - 1).seq();
    this.spareRun = cairn.trigger(WORKFLOW, Map.of("a", 1)).id();
    this.deletableRun = cairn.trigger(WORKFLOW, Map.of("a", 1)).id();
    cairn.await(spareRun, Duration.ofSeconds(30));
    cairn.await(deletableRun, Duration.ofSeconds(30));
    this.unfinishedRun = cairn.trigger(WORKFLOW, Map.of("a", 1), TriggerOptions.builder()
        .delay(TriggerOptions.MAX_DELAY).build()).id();
    this.counter = TestDatabase.dataSource().getConnection();
  }

  static AdversarialEngine start() {
    String schema = TestDatabase.newSchema();
    Cairn cairn = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").register(new Echo(), new Pausable(),
        new OnEvent(), new Kept()).build();
    cairn.start();
    try {
      return new AdversarialEngine(schema, cairn);
    } catch (SQLException e) {
      cairn.close();
      throw new IllegalStateException(e);
    }
  }

  /** The authorization header of a token's secret. */
  static Metadata bearer(String secret) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + secret);
    return headers;
  }

  RowCounts counts() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < TABLES.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(schema).append('.')
          .append(TABLES.get(i)).append(')');
    }
    sql.append(", (SELECT coalesce(sum(hashtext(s::text)), 0) FROM ").append(schema).append(".schedules s)");
    // Its updated_at left out: only what a call sets counts.
    sql.append(", (SELECT coalesce(sum(hashtext(concat_ws('/', w.workflow_name, w.retention_ms, w.declared))), 0)")
        .append(" FROM ").append(schema).append(".workflow_retention w)");
    try (Statement statement = counter.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
      rows.next();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < TABLES.size(); i++) {
        counts.put(TABLES.get(i), rows.getLong(i + 1));
      }
      counts.put("schedules content", rows.getLong(TABLES.size() + 1));
      counts.put("workflow_retention content", rows.getLong(TABLES.size() + 2));
      return new RowCounts(counts);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until every run is final, so an accepted call's run no longer writes while the next case counts. A
   * delayed run not yet due writes nothing until then (an accepted run_at may be in the year 9999): not waited for.
   */
  void settle() {
    Await.until("every run final", Duration.ofSeconds(30), () -> TestDatabase.queryLong("SELECT count(*) FROM "
        + schema + ".runs WHERE status IN ('QUEUED', 'RUNNING') AND (start_at IS NULL OR start_at <= now())") == 0);
  }

  @Override
  public void close() {
    try {
      counter.close();
    } catch (SQLException ignored) {
      // the embedded database outlives this class; nothing to release beyond the connection
    }
    cairn.close();
  }
}
