package dev.cairn.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Step;
import dev.cairn.Workflow;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.Assignment;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.CancelAttempt;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.Registered;
import dev.cairn.proto.v1.StepResult;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceGrpc;
import dev.cairn.testing.Await;
import dev.cairn.worker.CairnWorker;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A worker never starts an attempt that was cancelled before a slot took it, nor one whose lease ran out before it
 * could start (the process was paused, the assignment waited): the step may have been given to another worker and
 * finished there. A fake engine (the worker protocol, served by the test) sends exactly the assignments and cancels
 * the scenario needs.
 */
class WorkerStartsOnlyLiveAttemptsTest {
  static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
  static final CountDownLatch RELEASE_FIRST = new CountDownLatch(1);

  @Workflow(name = "live-only")
  static final class LiveOnly {
    @Step(timeout = "1m")
    String only(String input) throws InterruptedException {
      STARTS.computeIfAbsent(input, key -> new AtomicInteger()).incrementAndGet();
      if (input.equals("first")) {
        RELEASE_FIRST.await();
      }
      return input;
    }
  }

  /** The engine side of one worker stream, driven by the test. */
  static final class FakeEngine extends WorkerServiceGrpc.WorkerServiceImplBase {
    final AtomicReference<StreamObserver<EngineMessage>> toWorker = new AtomicReference<>();
    final List<WorkerMessage> fromWorker = new CopyOnWriteArrayList<>();

    @Override
    public StreamObserver<WorkerMessage> connect(StreamObserver<EngineMessage> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(WorkerMessage message) {
          fromWorker.add(message);
          if (message.hasRegister()) {
            responses.onNext(EngineMessage.newBuilder().setRegistered(Registered.newBuilder().setSessionId("s")
                .setLeaseMs(60_000).addAccepted("live-only")).build());
            toWorker.set(responses);
          }
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }

    void send(EngineMessage message) {
      synchronized (this) {
        toWorker.get().onNext(message);
      }
    }

    List<StepResult.OutcomeCase> outcomesFor(long stepId) {
      return fromWorker.stream().filter(m -> m.hasResult() && m.getResult().getAttempt().getStepId() == stepId)
          .map(m -> m.getResult().getOutcomeCase()).toList();
    }

    boolean resultSentFor(long stepId) {
      return fromWorker.stream().anyMatch(m -> m.hasResult() && m.getResult().getAttempt().getStepId() == stepId);
    }
  }

  private static EngineMessage assignment(long stepId, String input, Instant leaseEnds) {
    return EngineMessage.newBuilder().setAssignment(Assignment.newBuilder().setAttempt(ref(stepId))
        .setWorkflowName("live-only").setStepName("only").setInputJson("\"" + input + "\"")
        .setDeadline(ProtoMapping.timestamp(Instant.now().plusSeconds(60)))
        .setLeaseExpiresAt(ProtoMapping.timestamp(leaseEnds))).build();
  }

  private static AttemptRef ref(long stepId) {
    return AttemptRef.newBuilder().setStepId(stepId).setAttempt(1).setRunId(new UUID(0, stepId).toString()).build();
  }

  @Test
  void anAttemptCancelledBeforeItStartsOrWhoseLeaseRanOutIsNeverStarted() throws Exception {
    FakeEngine engine = new FakeEngine();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(engine).build()
        .start();
    try (CairnWorker worker = CairnWorker.builder("127.0.0.1:" + server.getPort()).token("unused")
        .workerId("one-slot").slots(1).register(new LiveOnly()).build()) {
      worker.start();
      Await.until("the worker registered", Duration.ofSeconds(20), () -> engine.toWorker.get() != null);
      Instant later = Instant.now().plusSeconds(60);
      engine.send(assignment(1, "first", later));
      Await.until("the first step runs in the only slot", Duration.ofSeconds(20),
          () -> STARTS.containsKey("first"));
      engine.send(assignment(2, "cancelled-while-queued", later));
      engine.send(EngineMessage.newBuilder().setCancel(CancelAttempt.newBuilder().setAttempt(ref(2))
          .setReason("the run was cancelled")).build());
      engine.send(assignment(3, "lease-ran-out", Instant.now().minusSeconds(1)));
      engine.send(assignment(4, "live", later));
      // A barrier: a second Registered with a short lease makes the worker heartbeat; its first heartbeat proves it
      // processed everything sent before (messages of one stream are handled in order), so the queued attempts are
      // still queued behind the first one when it is released.
      engine.send(EngineMessage.newBuilder().setRegistered(Registered.newBuilder().setSessionId("s").setLeaseMs(300)
          .addAccepted("live-only")).build());
      Await.until("the worker processed the cancel", Duration.ofSeconds(20),
          () -> engine.fromWorker.stream().anyMatch(WorkerMessage::hasHeartbeat));
      RELEASE_FIRST.countDown();
      Await.until("the live assignment ran", Duration.ofSeconds(20), () -> engine.resultSentFor(4));
      assertTrue(engine.resultSentFor(1));
      assertEquals(null, STARTS.get("cancelled-while-queued"), "a cancelled attempt never starts");
      assertEquals(null, STARTS.get("lease-ran-out"), "an attempt whose lease ran out never starts");
      assertEquals(false, engine.resultSentFor(2));
      // Not run, but handed back: a silent skip would leave the engine renewing its lease on every heartbeat.
      assertEquals(List.of(StepResult.OutcomeCase.NOT_STARTED), engine.outcomesFor(3));
      assertEquals(1, STARTS.get("live").get());
    } finally {
      server.shutdownNow();
    }
  }
}
