package dev.cairn.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.Step;
import dev.cairn.WorkerInfo;
import dev.cairn.WorkerQuery;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.internal.time.ManualClock;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worker inventory over the admin API, on real gRPC and a real database, with the engines' clocks in the test's
 * hands: a connected worker with what it registered, the node's own slots, a worker gone with when, a worker whose
 * node stopped writing shown stale on another node's clock, fingerprint mismatches, and the admin-only rule.
 */
class ListWorkersTest {
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @Workflow(name = "inventory-shared")
  static final class Shared {
    @Step
    int one(Integer n) {
      return n;
    }
  }

  /** The same workflow name with another step: another definition, so another fingerprint. */
  @Workflow(name = "inventory-shared")
  static final class SharedChanged {
    @Step
    int one(Integer n) {
      return n;
    }

    @Step(parents = "one")
    int two(Integer n) {
      return n + 1;
    }
  }

  @Workflow(name = "inventory-remote")
  static final class RemoteOnly {
    @Step
    int only(Integer n) {
      return n;
    }
  }

  record Node(Cairn engine, ManualClock clock, NewToken admin, NewToken worker, String target) {}

  private static Node node(String schema, String nodeId, Duration lease, Object... workflows) {
    ManualClock clock = new ManualClock(START);
    Cairn engine = TestEngines.builder(schema).clock(clock).nodeId(nodeId).leaseDuration(lease).grpcPort(0)
        .grpcHost("127.0.0.1").register(workflows).build();
    engine.start();
    return new Node(engine, clock, engine.tokens().create("admin " + nodeId, Role.ADMIN, null),
        engine.tokens().create("worker " + nodeId, Role.WORKER, null), "127.0.0.1:" + engine.grpcPort());
  }

  private static CairnWorker.Builder worker(Node node, String workerId) {
    return CairnWorker.builder(node.target()).token(node.worker().secret()).workerId(workerId).slots(3)
        .label("pool", "gpu").version("1.4.2");
  }

  private static Optional<WorkerInfo> find(List<WorkerInfo> workers, String workerId) {
    return workers.stream().filter(worker -> worker.workerId().equals(workerId)).findFirst();
  }

  private static List<WorkerInfo> list(CairnClient client) {
    return client.workers().list().workers();
  }

  @Test
  void aConnectedWorkerIsListedWithWhatItRegisteredAndGoneWithWhenAfterItDisconnects() {
    Node node = node(TestDatabase.newSchema(), "inventory-a", Duration.ofSeconds(30), new Shared());
    try (Cairn engine = node.engine(); CairnClient client = CairnClient.builder(node.target()).token(node.admin().secret()).build()) {
      CairnWorker worker = worker(node, "gpu-1").register(new Shared(), new RemoteOnly()).build();
      worker.start();
      Await.until("registered", Duration.ofSeconds(30), worker::isRegistered);
      WorkerInfo listed = find(list(client), "gpu-1").orElseThrow();
      assertEquals(WorkerInfo.Kind.REMOTE, listed.kind());
      assertEquals(WorkerInfo.State.CONNECTED, listed.state());
      assertEquals(Map.of("pool", "gpu"), listed.labels());
      assertEquals(3, listed.slots());
      assertEquals(0, listed.slotsUsed());
      assertEquals("1.4.2", listed.version());
      assertEquals("inventory-a", listed.nodeId());
      assertEquals(node.worker().info().id() + "/gpu-1", listed.holder());
      assertEquals(node.worker().info().id(), listed.connection().tokenId());
      assertFalse(listed.host().isEmpty(), "the worker reports its host");
      assertTrue(listed.connection().address().contains("127.0.0.1"), listed.connection().address());
      assertEquals(START, listed.connection().connectedAt());
      assertEquals(START, listed.connection().lastHeartbeatAt());
      assertEquals(List.of("inventory-remote", "inventory-shared"), listed.definitions().stream()
          .map(WorkerInfo.Definition::workflowName).sorted().toList());
      assertTrue(listed.definitions().stream().allMatch(definition -> definition.accepted()
          && definition.fingerprint().equals(definition.engineFingerprint()) && !definition.fingerprint().isEmpty()));
      WorkerInfo embedded = find(list(client), "inventory-a").orElseThrow();
      assertEquals(WorkerInfo.Kind.EMBEDDED, embedded.kind());
      assertEquals(WorkerInfo.State.CONNECTED, embedded.state());
      assertEquals(8, embedded.slots());
      assertEquals(fingerprint(embedded, "inventory-shared"), fingerprint(listed, "inventory-shared"));

      node.clock().advance(Duration.ofSeconds(5));
      worker.close();
      Await.until("the worker shows as gone", Duration.ofSeconds(30),
          () -> find(list(client), "gpu-1").orElseThrow().state() == WorkerInfo.State.GONE);
      WorkerInfo gone = find(list(client), "gpu-1").orElseThrow();
      assertEquals(START.plusSeconds(5), gone.connection().goneAt());
      assertFalse(gone.connection().goneReason().isEmpty());
      assertEquals(Optional.empty(), find(client.workers().list(WorkerQuery.builder().connectedOnly(true).build())
          .workers(), "gpu-1"), "connected_only leaves it out");
    }
  }

  @Test
  void heartbeatsAreWrittenOnceTheRefreshIntervalHasPassedOnTheEnginesClock() {
    // A short lease: the worker heartbeats every second of real time.
    Node node = node(TestDatabase.newSchema(), "inventory-h", Duration.ofSeconds(3));
    try (Cairn engine = node.engine(); CairnClient client = CairnClient.builder(node.target()).token(node.admin().secret()).build();
        CairnWorker worker = worker(node, "beating").register(new RemoteOnly()).build()) {
      worker.start();
      Await.until("registered", Duration.ofSeconds(30), worker::isRegistered);
      node.clock().advance(Duration.ofSeconds(31));
      Await.until("a heartbeat written at the engine's new time", Duration.ofSeconds(30),
          () -> find(list(client), "beating").orElseThrow().connection().lastHeartbeatAt()
              .equals(START.plusSeconds(31)));
      WorkerInfo beating = find(list(client), "beating").orElseThrow();
      assertEquals(START, beating.connection().connectedAt(), "a heartbeat keeps the connection time");
      assertTrue(beating.connection().staleAt().isAfter(START.plusSeconds(31)));
    }
  }

  @Test
  void aWorkerWhoseNodeStoppedWritingIsShownStaleOnAnotherNodesClock() {
    String schema = TestDatabase.newSchema();
    // Node a's lease is an hour: its worker heartbeats every 20 minutes of real time, so during the test node a
    // writes the row once, at registration, as a node that died right after would.
    Node writer = node(schema, "inventory-writer", Duration.ofHours(1));
    Node reader = node(schema, "inventory-reader", Duration.ofSeconds(30));
    try (Cairn first = writer.engine(); Cairn second = reader.engine();
        CairnClient client = CairnClient.builder(reader.target()).token(reader.admin().secret()).build();
        CairnWorker worker = worker(writer, "silent").register(new RemoteOnly()).build()) {
      worker.start();
      Await.until("registered", Duration.ofSeconds(30), worker::isRegistered);
      WorkerInfo listed = find(list(client), "silent").orElseThrow();
      assertEquals(WorkerInfo.State.CONNECTED, listed.state(), "any node lists the worker");
      assertEquals("inventory-writer", listed.nodeId());
      Instant staleAt = listed.connection().staleAt();
      reader.clock().advanceTo(staleAt.minusMillis(1));
      assertEquals(WorkerInfo.State.CONNECTED, find(list(client), "silent").orElseThrow().state());
      reader.clock().advanceTo(staleAt);
      WorkerInfo stale = find(list(client), "silent").orElseThrow();
      assertEquals(WorkerInfo.State.STALE, stale.state());
      assertEquals(START, stale.connection().lastHeartbeatAt(), "when it was last heard of");
      assertNull(stale.connection().goneAt());
    }
  }

  @Test
  void aWorkerWithAnotherDefinitionIsListedWithItsMismatch() {
    Node node = node(TestDatabase.newSchema(), "inventory-m", Duration.ofSeconds(30), new Shared());
    try (Cairn engine = node.engine(); CairnClient client = CairnClient.builder(node.target()).token(node.admin().secret()).build();
        CairnWorker stale = worker(node, "stale-code").register(new SharedChanged()).build()) {
      stale.start();
      Await.until("registered", Duration.ofSeconds(30), stale::isRegistered);
      WorkerInfo.Definition definition = find(client.workers().list(WorkerQuery.builder()
          .workflow("inventory-shared").build()).workers(), "stale-code").orElseThrow().definitions().get(0);
      assertFalse(definition.accepted(), "a mismatch");
      assertNotEquals(definition.engineFingerprint(), definition.fingerprint());
      assertEquals(fingerprint(find(list(client), "inventory-m").orElseThrow(), "inventory-shared"),
          definition.engineFingerprint(), "the engine's own definition is the one runs start with");
    }
  }

  @Test
  void onlyAnAdminTokenMayListWorkersAndAPageTokenTakesTheNextPage() {
    Node node = node(TestDatabase.newSchema(), "inventory-p", Duration.ofSeconds(30), new Shared());
    NewToken clientToken = node.engine().tokens().create("client", Role.CLIENT, null);
    try (Cairn engine = node.engine(); CairnClient client = CairnClient.builder(node.target()).token(clientToken.secret()).build();
        CairnClient admin = CairnClient.builder(node.target()).token(node.admin().secret()).build();
        CairnWorker first = worker(node, "page-1").register(new RemoteOnly()).build();
        CairnWorker second = worker(node, "page-2").register(new RemoteOnly()).build()) {
      CairnException refused = assertThrows(CairnException.class, () -> client.workers().list());
      assertTrue(refused.getMessage().startsWith("PERMISSION_DENIED"), refused.getMessage());
      first.start();
      second.start();
      Await.until("registered", Duration.ofSeconds(30), () -> first.isRegistered() && second.isRegistered());
      var page = admin.workers().list(WorkerQuery.builder().workflow("inventory-remote").pageSize(1).build());
      assertEquals(List.of("page-1"), page.workers().stream().map(WorkerInfo::workerId).toList());
      var next = admin.workers().list(WorkerQuery.builder().workflow("inventory-remote").pageSize(1)
          .pageToken(page.nextPageToken()).build());
      assertEquals(List.of("page-2"), next.workers().stream().map(WorkerInfo::workerId).toList());
      assertNull(next.nextPageToken());
      assertEquals(List.of("page-1", "page-2"), admin.workers().list(WorkerQuery.builder().label("pool", "gpu")
          .build()).workers().stream().map(WorkerInfo::workerId).toList(), "by label: not the node's own slots");
    }
  }

  private static String fingerprint(WorkerInfo worker, String workflow) {
    return worker.definitions().stream().filter(definition -> definition.workflowName().equals(workflow))
        .findFirst().orElseThrow().fingerprint();
  }
}
