package dev.cairn.grpc.adversarial;

import dev.cairn.Cairn;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.ChildToStart;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.RecordOperationRequest;
import dev.cairn.proto.v1.StartChildrenRequest;
import dev.cairn.testing.RawWorker;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine with two raw-protocol workers, each holding one attempt of a remote-only workflow (they never finish
 * it): requests name the first worker's attempt, which has one recorded durable operation and one child run, so a
 * valid request succeeds and a spoiled one is refused for the field it spoils. The second worker's attempt is
 * "another worker's attempt".
 */
final class WorkerFixture implements AutoCloseable {
  static final String WORKFLOW = "adversarial-remote";
  static final String WORKER_ID = "adversarial-worker";
  private static final List<String> TABLES = List.of("runs", "steps", "events", "tokens", "pushed_events",
      "step_ops", "schedules", "event_triggers", "workflow_retention");
  /**
   * What a call sets in a row of the tables a registration's declarations are written to, hashed (an update changes
   * no count); when a row was created or updated and when a schedule next ticks left out.
   */
  private static final Map<String, String> CONTENTS = contents();

  /** Served only by the raw workers; its step never finishes. */
  @Workflow(name = WORKFLOW)
  static final class Remote {
    @Step(timeout = "1h")
    String hold(String input) {
      return input;
    }
  }

  final String schema;
  final Cairn cairn;
  final String target;
  final String workerToken;
  final RawWorker worker;
  final RawWorker other;
  final AttemptRef held;
  final AttemptRef othersAttempt;
  final String child;
  private final Connection counter;

  WorkerFixture() throws SQLException {
    this.schema = TestDatabase.newSchema();
    this.cairn = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").leaseDuration(Duration.ofMinutes(5))
        .build();
    cairn.start();
    this.target = "127.0.0.1:" + cairn.grpcPort();
    this.workerToken = cairn.tokens().create("adversarial worker", Role.WORKER, null).secret();
    List<dev.cairn.proto.v1.WorkflowDefinition> definitions = List.of(RawWorker.definition(new Remote()));
    this.worker = RawWorker.connect(target, workerToken);
    worker.register(WORKER_ID, 1, definitions, List.of());
    RunHandle<?> first = cairn.trigger(WORKFLOW, "first");
    this.held = assignment(worker);
    this.other = RawWorker.connect(target, cairn.tokens().create("other worker", Role.WORKER, null).secret());
    other.register("other-worker", 1, definitions, List.of());
    cairn.trigger(WORKFLOW, "second");
    this.othersAttempt = assignment(other);
    worker.operations().recordOperation(RecordOperationRequest.newBuilder().setAttempt(held).setWorkerId(WORKER_ID)
        .setSeq(0).setKind("SLEEP").setSignature("3600000ms").setDelayMs(3_600_000).build());
    this.child = worker.operations().startChildren(StartChildrenRequest.newBuilder().setParent(held)
        .setWorkerId(WORKER_ID).setWorkflowName(WORKFLOW).addChildren(ChildToStart.newBuilder().setKey("child")
            .setInputJson("\"child\"")).build()).getRunIds(0);
    declare();
    this.counter = TestDatabase.dataSource().getConnection();
    if (!first.id().toString().equals(held.getRunId())) {
      throw new IllegalStateException("the first worker holds an attempt of another run");
    }
  }

  private static AttemptRef assignment(RawWorker worker) {
    return worker.await("an assignment", EngineMessage::hasAssignment, Duration.ofSeconds(30)).getAssignment()
        .getAttempt();
  }

  private static Map<String, String> contents() {
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put("schedules", "name, workflow_name, cron, time_zone, input, metadata, priority, missed_ticks,"
        + " overlap, paused, declared");
    contents.put("event_triggers", "name, event_key, workflow_name, filter, declared");
    contents.put("workflow_retention", "workflow_name, retention_ms, declared");
    return contents;
  }

  /**
   * Registers the valid registration once, so what its definition declares (a schedule, an event trigger, a
   * retention period) is stored before the cases: registering it again writes nothing, and a case declaring
   * anything else would change a row.
   */
  private void declare() {
    try (RawWorker registrant = RawWorker.connect(target, workerToken)) {
      registrant.send(WorkerStreamTable.validRegistration(WorkerStreamTable.REGISTRANT).build());
      EngineMessage registered = registrant.await("Registered", EngineMessage::hasRegistered, Duration.ofSeconds(30));
      if (!registered.getRegistered().getAcceptedList().contains(WorkerStreamTable.DEFINITION)) {
        throw new IllegalStateException("the valid registration's definition was not accepted: " + registered);
      }
    }
  }

  /**
   * Row counts of the engine's tables, and a hash of what each schedule, event trigger and workflow retention row
   * holds: equal before and after a refused call.
   */
  Map<String, Long> counts() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < TABLES.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(schema).append('.')
          .append(TABLES.get(i)).append(')');
    }
    CONTENTS.forEach((table, columns) -> sql.append(", (SELECT coalesce(sum(hashtext(concat_ws('/', ")
        .append(columns).append("))), 0) FROM ").append(schema).append('.').append(table).append(')'));
    try (Statement statement = counter.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
      rows.next();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < TABLES.size(); i++) {
        counts.put(TABLES.get(i), rows.getLong(i + 1));
      }
      int column = TABLES.size();
      for (String table : CONTENTS.keySet()) {
        counts.put(table + " content", rows.getLong(++column));
      }
      return counts;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    counter.close();
    worker.close();
    other.close();
    cairn.close();
  }
}
