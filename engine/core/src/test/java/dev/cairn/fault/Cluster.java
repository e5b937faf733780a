package dev.cairn.fault;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.server.CairnServer;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Everything one fault-injection run starts: the restartable PostgreSQL, engine node processes serving gRPC on
 * fixed ports, worker processes (worker i talks to node i mod nodes), and, in this JVM, a control engine that is
 * never started: it migrates the schema, makes the worker token and triggers runs, like a client would.
 */
final class Cluster implements AutoCloseable {
  static final String SCHEMA = "cairn";
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  /**
   * Five JVMs share the machine with PostgreSQL (two cores in CI): C1 only and the serial collector keep their
   * start-up and JIT from starving the processes under test, which only need to run, not to run fast.
   */
  private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * How big the cluster is. {@code serverNode}: the last node is {@link CairnServer} configured by properties
   * (it has no lease setting, so its workers hold the default 30 s lease) instead of an embedded engine.
   */
  record Sizing(int nodes, int workers, int slots, Duration lease, boolean serverNode) {}

  private final RestartablePostgres postgres;
  private final Cairn control;
  private final List<Member> nodes = new ArrayList<>();
  private final List<Member> workers = new ArrayList<>();

  private Cluster(RestartablePostgres postgres, Cairn control) {
    this.postgres = postgres;
    this.control = control;
  }

  static Cluster start(Path directory, Sizing sizing) throws IOException, SQLException {
    RestartablePostgres postgres = RestartablePostgres.create(directory);
    try (Connection connection = dataSource(postgres).getConnection()) {
      ExecutionLog.createTable(connection);
    }
    Cluster cluster = new Cluster(postgres, Cairn.builder().dataSource(dataSource(postgres)).schema(SCHEMA).build());
    try {
      cluster.startProcesses(directory, sizing);
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startProcesses(Path directory, Sizing sizing) throws IOException {
    NewToken token = control.tokens().create("fault workers", Role.WORKER, null);
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < sizing.nodes(); i++) {
      ports.add(Ports.free());
      String name = "node-" + (i + 1);
      nodes.add(sizing.serverNode() && i == sizing.nodes() - 1 ? serverNode(name, ports.get(i), directory)
          : engineNode(name, ports.get(i), sizing.lease()));
    }
    // Nodes first: a worker's reconnect backoff only grows (it is not reset by a successful registration), so
    // workers started before their node serves would begin the faults with multi-second reconnect delays.
    startAndAwaitReady(nodes);
    for (int i = 0; i < sizing.workers(); i++) {
      workers.add(worker("worker-" + (i + 1), "127.0.0.1:" + ports.get(i % ports.size()), token.secret(),
          sizing.slots()));
    }
    startAndAwaitReady(workers);
  }

  private Member engineNode(String name, int port, Duration lease) {
    return new Member(name, Member.Kind.NODE, () -> ChildJvm.startWithOptions(EngineNodeMain.class, JVM_OPTIONS,
        Map.of(), postgres.jdbcUrl(), SCHEMA, name, Integer.toString(port), Long.toString(lease.toMillis())),
        output -> output.contains(EngineNodeMain.READY));
  }

  private Member serverNode(String name, int port, Path directory) {
    Map<String, String> settings = Map.of("CAIRN_JDBC_URL", postgres.jdbcUrl(), "CAIRN_DB_USER", "postgres",
        "CAIRN_SCHEMA", SCHEMA, "CAIRN_GRPC_PORT", Integer.toString(port),
        "CAIRN_ADMIN_TOKEN_FILE", directory.resolve("admin-token").toString());
    return new Member(name, Member.Kind.NODE, () -> ChildJvm.startWithOptions(CairnServer.class, JVM_OPTIONS,
        settings), output -> output.contains("cairn server ready"));
  }

  private Member worker(String name, String target, String token, int slots) {
    return new Member(name, Member.Kind.WORKER, () -> ChildJvm.startWithOptions(WorkerMain.class, JVM_OPTIONS,
        Map.of(), target, token, name, postgres.jdbcUrl(), Integer.toString(slots)), Cluster::registeredNow);
  }

  /** Whether a worker's output ends registered: its last registration came after its last lost stream. */
  private static boolean registeredNow(String output) {
    return output.lastIndexOf("registered (session") > Math.max(output.lastIndexOf("lost its stream"),
        output.lastIndexOf("cannot reach the engine"));
  }

  private static void startAndAwaitReady(List<Member> members) throws IOException {
    for (Member member : members) {
      member.start();
    }
    for (Member member : members) {
      Await.until(member + " is ready", READY_WITHIN, Duration.ofMillis(200), member::isReady);
    }
  }

  private static PGSimpleDataSource dataSource(RestartablePostgres postgres) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(postgres.jdbcUrl());
    dataSource.setUser("postgres");
    // A dead server must fail this JVM's calls quickly, so the load and the checks can retry.
    dataSource.setConnectTimeout(3);
    dataSource.setSocketTimeout(30);
    return dataSource;
  }

  RestartablePostgres postgres() {
    return postgres;
  }

  Cairn control() {
    return control;
  }

  /** A connection to the database under test (for the checks), short timeouts. */
  Connection connect() throws SQLException {
    return dataSource(postgres).getConnection();
  }

  List<Member> nodes() {
    return nodes;
  }

  List<Member> workers() {
    return workers;
  }

  /** How many steps each worker holds RUNNING now; empty when the database does not answer. */
  Map<String, Long> runningStepsByWorker() {
    Map<String, Long> running = new HashMap<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT worker_id, count(*) FROM " + SCHEMA
            + ".steps WHERE status = 'RUNNING' GROUP BY worker_id")) {
      while (rows.next()) {
        running.put(rows.getString(1), rows.getLong(2));
      }
      return running;
    } catch (SQLException databaseDown) {
      return Map.of();
    }
  }

  List<Member> members() {
    return Stream.concat(nodes.stream(), workers.stream()).toList();
  }

  /** Undoes every fault: PostgreSQL up, every process running. */
  void healAll() throws IOException, InterruptedException {
    if (!postgres.isRunning()) {
      postgres.start();
    }
    for (Member member : members()) {
      member.heal();
    }
  }

  @Override
  public void close() {
    members().forEach(Member::close);
    control.close();
    postgres.close();
  }
}
