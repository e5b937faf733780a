package dev.cairn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.CairnException;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.Step;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.proto.v1.AwaitRunRequest;
import dev.cairn.proto.v1.Run;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.TriggerAndAwaitRequest;
import dev.cairn.proto.v1.TriggerAndAwaitResponse;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.testing.TestChannel;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Waiting for a run in one call: AwaitRun, TriggerAndAwait, and the client and embedded API built on them. */
class AwaitRpcTest {
  /** Steps of the gated workflow block until the test opens the gate. */
  private static volatile CountDownLatch gate = new CountDownLatch(0);

  @Workflow(name = "await-double")
  static final class Double {
    @Step
    int twice(int n) {
      return 2 * n;
    }
  }

  @Workflow(name = "await-gated")
  static final class Gated {
    @Step
    String pass(String input) throws InterruptedException {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
      return input + " passed";
    }
  }

  private static Cairn cairn;
  private static NewToken client;
  private static String target;

  @BeforeAll
  static void start() {
    cairn = TestEngines.builder(TestDatabase.newSchema()).grpcPort(0).grpcHost("127.0.0.1")
        .register(new Double()).register(new Gated()).build();
    cairn.start();
    target = "127.0.0.1:" + cairn.grpcPort();
    client = cairn.tokens().create("await client", Role.CLIENT, null);
  }

  @AfterAll
  static void stop() {
    gate.countDown();
    cairn.close();
  }

  private static RunServiceGrpc.RunServiceBlockingStub stub(TestChannel channel) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + client.secret());
    return RunServiceGrpc.newBlockingStub(channel.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static CairnClient remote() {
    return CairnClient.builder(target).token(client.secret()).build();
  }

  @Test
  void triggerAndAwaitAnswersTheRunIdThenTheFinalRunInOneCall() {
    try (TestChannel channel = TestChannel.open(target)) {
      Iterator<TriggerAndAwaitResponse> answers = stub(channel).triggerAndAwait(TriggerAndAwaitRequest.newBuilder()
              .setTrigger(TriggerRequest.newBuilder().setWorkflowName("await-double").setInputJson("21"))
              .setWaitMs(30_000).build());
      List<TriggerAndAwaitResponse> all = new ArrayList<>();
      answers.forEachRemaining(all::add);
      assertEquals(2, all.size(), all.toString());
      String id = all.get(0).getRunId();
      Run run = all.get(1).getRun();
      assertEquals(id, run.getId());
      assertEquals("RUN_STATUS_SUCCEEDED", run.getStatus().name());
      assertEquals("42", run.getSteps(0).getOutputJson());
    }
  }

  @Test
  void clientTriggerAndAwaitReturnsTheTypedResultAndKeepsIdempotency() {
    try (CairnClient grpc = remote()) {
      TriggerOptions once = TriggerOptions.builder().idempotencyKey("await-once-" + UUID.randomUUID()).build();
      RunView first = grpc.triggerAndAwait("await-double", 5, once, Duration.ofSeconds(30));
      assertEquals(RunStatus.SUCCEEDED, first.status());
      assertEquals(10, first.result(Integer.class));
      RunView again = grpc.triggerAndAwait("await-double", 6, once, Duration.ofSeconds(30));
      assertEquals(first.id(), again.id(), "the key's run, not a new one");
      assertEquals(10, again.result(Integer.class));
    }
  }

  @Test
  void awaitRunReturnsAnUnfinishedRunWhenItsWaitEndsAndTheClientWaitsOn() {
    gate = new CountDownLatch(1);
    try (CairnClient grpc = remote()) {
      UUID id = grpc.trigger("await-gated", "x").id();
      try (TestChannel channel = TestChannel.open(target)) {
        Run unfinished = stub(channel).awaitRun(AwaitRunRequest.newBuilder().setRunId(id.toString()).setWaitMs(50).build());
        assertEquals(id.toString(), unfinished.getId());
        assertFalse(unfinished.getStatus().name().endsWith("SUCCEEDED"), unfinished.getStatus().name());
      }
      CairnException early = assertThrows(CairnException.class, () -> grpc.await(id, Duration.ofMillis(100)));
      assertTrue(early.getMessage().contains("is not final"), early.getMessage());
      gate.countDown();
      RunView done = grpc.await(id, Duration.ofSeconds(30));
      assertEquals("x passed", done.result(String.class));
    } finally {
      gate.countDown();
    }
  }

  @Test
  void aTriggerAndAwaitShorterThanTheRunStillReturnsItFinal() {
    gate = new CountDownLatch(1);
    try (CairnClient grpc = remote()) {
      try (TestChannel channel = TestChannel.open(target)) {
        List<TriggerAndAwaitResponse> all = new ArrayList<>();
        stub(channel).triggerAndAwait(TriggerAndAwaitRequest.newBuilder().setTrigger(TriggerRequest.newBuilder()
                .setWorkflowName("await-gated").setInputJson("\"y\"")).setWaitMs(20).build())
            .forEachRemaining(all::add);
        assertEquals(2, all.size());
        assertFalse(all.get(1).getRun().getStatus().name().endsWith("SUCCEEDED"));
      }
      gate.countDown();
      RunView done = grpc.triggerAndAwait("await-gated", "z", TriggerOptions.NONE, Duration.ofSeconds(30));
      assertEquals("z passed", done.result(String.class));
    } finally {
      gate.countDown();
    }
  }

  @Test
  void embeddedTriggerAndAwaitAndTheExpectedRunsOfThisNode() {
    for (int i = 0; i < 20; i++) {
      assertEquals(2 * i, cairn.triggerAndAwait("await-double", i, TriggerOptions.NONE, Duration.ofSeconds(30))
          .result(Integer.class));
    }
    // A run awaited a second time is no longer expected: it is read, and returned final at once.
    UUID id = cairn.trigger("await-double", 7).id();
    assertEquals(14, cairn.await(id, Duration.ofSeconds(30)).result(Integer.class));
    assertEquals(14, cairn.await(id, Duration.ofSeconds(30)).result(Integer.class));
  }
}
