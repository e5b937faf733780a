package dev.cairn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.CancelResult;
import dev.cairn.NewToken;
import dev.cairn.Parent;
import dev.cairn.Role;
import dev.cairn.RunEvent;
import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestChannel;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The run and admin services over real gRPC on localhost. */
class GrpcApiTest {
  record Greeting(String name, int times) {}

  record Letter(String text, List<String> lines) {}

  @Workflow(name = "greeter")
  static final class Greeter {
    @Step
    String compose(Greeting greeting, StepContext ctx) {
      for (int i = 0; i < greeting.times(); i++) {
        ctx.emit("draft", i);
      }
      return "Hello, " + greeting.name();
    }

    @Step(parents = "compose")
    Letter sign(@Parent("compose") String text, Greeting greeting) {
      return new Letter(text + "!", java.util.Collections.nCopies(greeting.times(), text));
    }
  }

  private static String schema;
  private static Cairn cairn;
  private static String target;
  private static NewToken client;
  private static NewToken admin;
  private static NewToken worker;

  @BeforeAll
  static void start() {
    schema = TestDatabase.newSchema();
    cairn = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").grpcMaxMessageBytes(64 * 1024)
        .register(new Greeter()).build();
    cairn.start();
    target = "127.0.0.1:" + cairn.grpcPort();
    client = cairn.tokens().create("test client", Role.CLIENT, null);
    admin = cairn.tokens().create("test admin", Role.ADMIN, null);
    worker = cairn.tokens().create("test worker", Role.WORKER, null);
  }

  @AfterAll
  static void stop() {
    cairn.close();
  }

  private static CairnClient clientWith(String token) {
    return CairnClient.builder(target).token(token).build();
  }

  @Test
  void clientTriggersAndReadsTypedOutputs() {
    try (CairnClient grpc = clientWith(client.secret())) {
      UUID run = grpc.trigger("greeter", new Greeting("Ada", 2),
          TriggerOptions.builder().metadata("team", "core").build()).id();
      RunView view = grpc.await(run, Duration.ofSeconds(30));
      assertEquals(RunStatus.SUCCEEDED, view.status());
      assertEquals(new Letter("Hello, Ada!", List.of("Hello, Ada", "Hello, Ada")), view.output("sign", Letter.class));
      assertEquals("core", view.metadata().get("team"));
      assertEquals(1, grpc.listRuns(RunQuery.builder().metadata("team", "core").build()).runs().size());
      assertEquals(CancelResult.ALREADY_FINISHED, grpc.cancel(run));
    }
  }

  @Test
  void watcherThatDisconnectsAndResumesSeesEveryEventOnce() throws Exception {
    try (CairnClient grpc = clientWith(client.secret())) {
      UUID run = grpc.trigger("greeter", new Greeting("Bo", 40), TriggerOptions.NONE).id();
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      int connections = 0;
      while (received.isEmpty() || !received.get(received.size() - 1).type().equals("RUN_SUCCEEDED")) {
        connections++;
        long resumeFrom = received.isEmpty() ? 0 : received.get(received.size() - 1).seq();
        // This subscriber takes ten events per connection, then hangs up (anything after is dropped unseen).
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        try (Subscription watch = grpc.watch(run, resumeFrom, event -> {
          if (taken.incrementAndGet() <= 10) {
            received.add(event);
          }
        }, ended::complete)) {
          Await.until("ten events or the end", Duration.ofSeconds(30), () -> taken.get() >= 10 || ended.isDone());
        }
      }
      assertTrue(connections >= 3, "resumed " + connections + " times");
      List<RunEvent> log = cairn.events(run, 0, 1000);
      assertEquals(log.stream().map(RunEvent::seq).toList(), received.stream().map(RunEvent::seq).toList());
      assertEquals(log.stream().map(RunEvent::type).toList(), received.stream().map(RunEvent::type).toList());
    }
  }

  @Test
  void missingBadExpiredRevokedAndWrongRoleTokensAreRefused() {
    assertStatus(Status.Code.UNAUTHENTICATED, null);
    assertStatus(Status.Code.UNAUTHENTICATED, "not-a-token");
    assertStatus(Status.Code.UNAUTHENTICATED, "cairn_" + client.info().id() + "_wrongsecret");
    NewToken expired = cairn.tokens().create("expired", Role.CLIENT, Instant.now().minusSeconds(1));
    assertStatus(Status.Code.UNAUTHENTICATED, expired.secret());
    NewToken revoked = cairn.tokens().create("revoked", Role.CLIENT, null);
    assertStatus(Status.Code.NOT_FOUND, revoked.secret());
    assertTrue(cairn.tokens().revoke(revoked.info().id()));
    assertStatus(Status.Code.UNAUTHENTICATED, revoked.secret());
    assertStatus(Status.Code.PERMISSION_DENIED, worker.secret());
    assertStatus(Status.Code.NOT_FOUND, admin.secret());
    try (TestChannel open = TestChannel.open(target)) {
      ManagedChannel channel = open.channel();
      var adminStub = dev.cairn.proto.v1.AdminServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(client.secret())));
      StatusRuntimeException denied = assertThrows(StatusRuntimeException.class,
          () -> adminStub.listTokens(dev.cairn.proto.v1.ListTokensRequest.getDefaultInstance()));
      assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
      var asAdmin = dev.cairn.proto.v1.AdminServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(admin.secret())));
      var created = asAdmin.createToken(dev.cairn.proto.v1.CreateTokenRequest.newBuilder().setName("made over grpc")
          .setRole(dev.cairn.proto.v1.Role.ROLE_CLIENT).build());
      assertStatus(Status.Code.NOT_FOUND, created.getSecret());
      assertTrue(asAdmin.listTokens(dev.cairn.proto.v1.ListTokensRequest.getDefaultInstance()).getTokensList().stream()
          .anyMatch(token -> token.getName().equals("made over grpc") && !token.getId().isEmpty()));
    }
  }

  private static void assertStatus(Status.Code expected, String token) {
    try (TestChannel open = TestChannel.open(target)) {
      ManagedChannel channel = open.channel();
      RunServiceGrpc.RunServiceBlockingStub stub = RunServiceGrpc.newBlockingStub(channel);
      if (token != null) {
        stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)));
      }
      RunServiceGrpc.RunServiceBlockingStub call = stub;
      StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
          () -> call.getRun(GetRunRequest.newBuilder().setRunId(UUID.randomUUID().toString()).build()));
      assertEquals(expected, error.getStatus().getCode(), String.valueOf(error.getStatus().getDescription()));
    }
  }

  private static Metadata bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return headers;
  }

  @Test
  void badRequestsGetTheRightStatusAndChangeNothing() {
    long runsBefore = TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs");
    try (TestChannel open = TestChannel.open(target)) {
      ManagedChannel channel = open.channel();
      RunServiceGrpc.RunServiceBlockingStub stub = RunServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(client.secret())));
      assertRefused(Status.Code.INVALID_ARGUMENT, "input_json is not JSON",
          () -> stub.trigger(TriggerRequest.newBuilder().setWorkflowName("greeter").setInputJson("{name:").build()));
      assertRefused(Status.Code.INVALID_ARGUMENT, "unknown workflow 'greetr'",
          () -> stub.trigger(TriggerRequest.newBuilder().setWorkflowName("greetr").setInputJson("{}").build()));
      assertRefused(Status.Code.INVALID_ARGUMENT, "does not fit its input type",
          () -> stub.trigger(TriggerRequest.newBuilder().setWorkflowName("greeter")
              .setInputJson("{\"name\": \"x\", \"times\": \"many\"}").build()));
      assertRefused(Status.Code.INVALID_ARGUMENT, "run_id 'nope' is not a run id",
          () -> stub.getRun(GetRunRequest.newBuilder().setRunId("nope").build()));
      assertRefused(Status.Code.NOT_FOUND, "names no run",
          () -> stub.getRun(GetRunRequest.newBuilder().setRunId(UUID.randomUUID().toString()).build()));
      String big = "x".repeat(100 * 1024);
      assertRefused(Status.Code.RESOURCE_EXHAUSTED, "",
          () -> stub.trigger(TriggerRequest.newBuilder().setWorkflowName("greeter")
              .setInputJson("{\"name\": \"" + big + "\", \"times\": 1}").build()));
    }
    try (CairnClient grpc = clientWith(client.secret())) {
      UUID run = grpc.trigger("greeter", new Greeting("Cy", 1), TriggerOptions.NONE).id();
      grpc.await(run, Duration.ofSeconds(30));
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      grpc.watch(run, 999, event -> { }, ended::complete);
      Throwable error = ended.get(10, TimeUnit.SECONDS);
      assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(error).getCode());
      assertTrue(Status.fromThrowable(error).getDescription().contains("after_seq 999 is outside the run's log"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertEquals(runsBefore + 1, TestDatabase.queryLong("SELECT count(*) FROM " + schema + ".runs"),
        "only the valid trigger wrote a run");
  }

  private static void assertRefused(Status.Code code, String message, Runnable call) {
    StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, error.getStatus().getCode(), String.valueOf(error.getStatus().getDescription()));
    assertTrue(String.valueOf(error.getStatus().getDescription()).contains(message),
        error.getStatus().getDescription());
  }

  @Test
  void healthAndReflectionAnswerWithoutAToken() throws Exception {
    try (TestChannel open = TestChannel.open(target)) {
      ManagedChannel channel = open.channel();
      HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
      assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
      CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
          new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
              answer.complete(response);
            }

            @Override
            public void onError(Throwable error) {
              answer.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {}
          });
      requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
      List<String> services = answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
          .map(service -> service.getName()).toList();
      requests.onCompleted();
      assertTrue(services.containsAll(List.of("cairn.v1.RunService", "cairn.v1.AdminService")), services.toString());
    }
  }

  @Test
  void watchingAFinishedRunFromItsEndCompletesAtOnce() throws Exception {
    try (CairnClient grpc = clientWith(client.secret())) {
      UUID run = grpc.trigger("greeter", new Greeting("Di", 1), TriggerOptions.NONE).id();
      grpc.await(run, Duration.ofSeconds(30));
      long last = cairn.events(run, 0, 1000).size();
      CompletableFuture<Throwable> ended = new CompletableFuture<>();
      List<RunEvent> received = new CopyOnWriteArrayList<>();
      grpc.watch(run, last, received::add, ended::complete);
      assertEquals(null, ended.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(), received);
      assertThrows(CairnException.class, () -> grpc.replay(run));
    }
  }
}
