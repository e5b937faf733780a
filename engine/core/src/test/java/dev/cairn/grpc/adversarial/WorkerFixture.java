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
      "step_ops");

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
    this.counter = TestDatabase.dataSource().getConnection();
    if (!first.id().toString().equals(held.getRunId())) {
      throw new IllegalStateException("the first worker holds an attempt of another run");
    }
  }

  private static AttemptRef assignment(RawWorker worker) {
    return worker.await("an assignment", EngineMessage::hasAssignment, Duration.ofSeconds(30)).getAssignment()
        .getAttempt();
  }

  /** Row counts of the engine's tables: equal before and after a refused call. */
  Map<String, Long> counts() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < TABLES.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(schema).append('.')
          .append(TABLES.get(i)).append(')');
    }
    try (Statement statement = counter.createStatement(); ResultSet rows = statement.executeQuery(sql.toString())) {
      rows.next();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < TABLES.size(); i++) {
        counts.put(TABLES.get(i), rows.getLong(i + 1));
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
