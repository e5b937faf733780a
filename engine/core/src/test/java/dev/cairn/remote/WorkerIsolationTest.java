package dev.cairn.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.Role;
import dev.cairn.RunHandle;
import dev.cairn.Step;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import dev.cairn.Workflow;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.ExtendTimeout;
import dev.cairn.proto.v1.RecordOperationRequest;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.testing.RawWorker;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker can act only on the attempts leased to it (its token and its worker id): results, timeout extensions,
 * adoption on registration and durable operations for anyone else's attempt are refused, change nothing, and leave
 * the refused worker's stream open. Workers here speak the raw protocol, as a foreign or hostile client would.
 */
class WorkerIsolationTest {
  @Workflow(name = "iso-single")
  static final class Single {
    @Step(retries = 4, backoff = "10ms")
    String only(String input) {
      return input;
    }
  }

  private record Setup(Cairn engine, String schema, String target, String tokenA, String tokenB)
      implements AutoCloseable {
    @Override
    public void close() {
      engine.close();
    }
  }

  private static Setup setup(Duration lease) {
    String schema = TestDatabase.newSchema();
    Cairn engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").leaseDuration(lease).build();
    engine.start();
    return new Setup(engine, schema, "127.0.0.1:" + engine.grpcPort(),
        engine.tokens().create("worker a", Role.WORKER, null).secret(),
        engine.tokens().create("worker b", Role.WORKER, null).secret());
  }

  private static final List<dev.cairn.proto.v1.WorkflowDefinition> DEFINITIONS =
      List.of(RawWorker.definition(new Single()));

  private static AttemptRef assignment(RawWorker worker) {
    return worker.await("an assignment", EngineMessage::hasAssignment, Duration.ofSeconds(20)).getAssignment()
        .getAttempt();
  }

  private static EngineMessage rejection(RawWorker worker) {
    return worker.await("a rejection", EngineMessage::hasRejected, Duration.ofSeconds(20));
  }

  private static StepView step(Cairn engine, RunHandle run) {
    return engine.getRun(run.id()).step("only").orElseThrow();
  }

  @Test
  void anotherWorkersResultsAdoptionAndOperationsAreRefusedAndChangeNothing() {
    try (Setup setup = setup(Duration.ofSeconds(30)); RawWorker a = RawWorker.connect(setup.target(), setup.tokenA());
        RawWorker b = RawWorker.connect(setup.target(), setup.tokenB())) {
      a.register("worker-a", 1, DEFINITIONS, List.of());
      RunHandle<?> run = setup.engine().trigger("iso-single", "input");
      AttemptRef attempt = assignment(a);
      b.register("worker-b", 1, DEFINITIONS, List.of());

      b.result(attempt, "\"forged\"");
      assertEquals("FAILED_PRECONDITION", rejection(b).getRejected().getCode());
      b.result(attempt.toBuilder().setRunId(UUID.randomUUID().toString()).build(), "\"made-up run\"");
      assertEquals("FAILED_PRECONDITION", rejection(b).getRejected().getCode());
      b.result(attempt.toBuilder().setRunId("not-a-uuid").build(), "\"malformed\"");
      EngineMessage malformed = rejection(b);
      assertEquals("INVALID_ARGUMENT", malformed.getRejected().getCode());
      assertTrue(malformed.getRejected().getReason().contains("result.attempt.run_id"),
          malformed.getRejected().getReason());

      StatusRuntimeException operation = assertThrows(StatusRuntimeException.class, () -> b.operations()
          .recordOperation(RecordOperationRequest.newBuilder().setAttempt(attempt).setWorkerId("worker-a").setSeq(0)
              .setKind("SLEEP").setSignature("1ms").setDelayMs(1).build()));
      assertEquals(Status.Code.FAILED_PRECONDITION, operation.getStatus().getCode());
      assertEquals(0, TestDatabase.queryLong("SELECT count(*) FROM " + setup.schema() + ".step_ops"));

      try (RawWorker thief = RawWorker.connect(setup.target(), setup.tokenB())) {
        thief.register("worker-thief", 1, DEFINITIONS, List.of(attempt));
        EngineMessage cancel = thief.await("a cancel of the attempt it named", EngineMessage::hasCancel,
            Duration.ofSeconds(20));
        assertEquals(attempt, cancel.getCancel().getAttempt());
      }

      StepView untouched = step(setup.engine(), run);
      assertEquals(StepStatus.RUNNING, untouched.status());
      assertEquals("worker-a", untouched.workerId());
      assertNull(untouched.outputJson());
      assertFalse(b.ended(), "a refused message leaves the stream open");

      a.result(attempt, "\"real\"");
      assertEquals("real", setup.engine().result(run.id(), String.class, Duration.ofSeconds(20)));
    }
  }

  @Test
  void aSecondWorkerIdOnTheSameTokenIsAnotherWorker() {
    try (Setup setup = setup(Duration.ofSeconds(30)); RawWorker a = RawWorker.connect(setup.target(), setup.tokenA());
        RawWorker twin = RawWorker.connect(setup.target(), setup.tokenA())) {
      a.register("worker-a", 1, DEFINITIONS, List.of());
      RunHandle<?> run = setup.engine().trigger("iso-single", "input");
      AttemptRef attempt = assignment(a);
      twin.register("worker-a-twin", 1, DEFINITIONS, List.of());
      twin.result(attempt, "\"twin\"");
      assertEquals("FAILED_PRECONDITION", rejection(twin).getRejected().getCode());
      assertNull(step(setup.engine(), run).outputJson());
      a.result(attempt, "\"real\"");
      assertEquals("real", setup.engine().result(run.id(), String.class, Duration.ofSeconds(20)));
    }
  }

  @Test
  void anOutputThatIsNotJsonFailsTheAttemptRetryablyAndTheStreamGoesOn() {
    try (Setup setup = setup(Duration.ofSeconds(30)); RawWorker a = RawWorker.connect(setup.target(), setup.tokenA())) {
      a.register("worker-a", 1, DEFINITIONS, List.of());
      RunHandle<?> run = setup.engine().trigger("iso-single", "input");
      List<String> unusable = List.of("", "not json", "{\"a\":1} trailing", "\"\\u0000\"");
      for (String output : unusable) {
        a.result(assignment(a), output);
        assertEquals("INVALID_ARGUMENT", rejection(a).getRejected().getCode(), output);
      }
      AttemptRef last = assignment(a);
      assertEquals(5, last.getAttempt(), "each unusable output failed one attempt, which was retried");
      a.result(last, "\"ok\"");
      assertEquals("ok", setup.engine().result(run.id(), String.class, Duration.ofSeconds(20)));
      assertEquals(4, step(setup.engine(), run).failures());
    }
  }

  @Test
  void anOverflowingTimeoutExtensionIsRefusedAndTheAttemptGoesOn() {
    try (Setup setup = setup(Duration.ofSeconds(30)); RawWorker a = RawWorker.connect(setup.target(), setup.tokenA())) {
      a.register("worker-a", 1, DEFINITIONS, List.of());
      RunHandle<?> run = setup.engine().trigger("iso-single", "input");
      AttemptRef attempt = assignment(a);
      a.send(WorkerMessage.newBuilder().setExtendTimeout(ExtendTimeout.newBuilder().setAttempt(attempt)
          .setExtraMs(Long.MAX_VALUE)).build());
      EngineMessage refused = rejection(a);
      assertEquals("INVALID_ARGUMENT", refused.getRejected().getCode());
      assertTrue(refused.getRejected().getReason().contains("extra_ms"), refused.getRejected().getReason());
      a.result(attempt, "\"done\"");
      assertEquals("done", setup.engine().result(run.id(), String.class, Duration.ofSeconds(20)));
    }
  }

  @Test
  void aWorkerThatComesBackWithoutItsAttemptHandsItBackAtOnce() {
    try (Setup setup = setup(Duration.ofSeconds(60))) {
      RunHandle run;
      try (RawWorker first = RawWorker.connect(setup.target(), setup.tokenA())) {
        first.register("worker-a", 1, DEFINITIONS, List.of());
        run = setup.engine().trigger("iso-single", "input");
        assertEquals(1, assignment(first).getAttempt());
      }
      try (RawWorker again = RawWorker.connect(setup.target(), setup.tokenA())) {
        again.register("worker-a", 1, DEFINITIONS, List.of());
        AttemptRef second = assignment(again);
        assertEquals(2, second.getAttempt(), "given out again long before the 60 s lease would have expired");
        again.result(second, "\"second\"");
        assertEquals("second", setup.engine().result(run.id(), String.class, Duration.ofSeconds(20)));
        assertEquals(0, TestDatabase.queryLong("SELECT lease_expiries FROM " + setup.schema() + ".steps"));
      }
    }
  }

  @Test
  void aSilentWorkerGetsNoNewWorkUntilItIsHeardAgain() throws InterruptedException {
    try (Setup setup = setup(Duration.ofSeconds(2)); RawWorker quiet = RawWorker.connect(setup.target(),
        setup.tokenA())) {
      quiet.register("worker-quiet", 1, DEFINITIONS, List.of());
      Thread.sleep(1_500); // the scenario: the worker says nothing for more than half a lease
      RunHandle<?> run = setup.engine().trigger("iso-single", "input");
      assertNull(quiet.poll(EngineMessage::hasAssignment, Duration.ofSeconds(1)), "nothing for a silent worker");
      assertEquals(StepStatus.QUEUED, step(setup.engine(), run).status());
      quiet.heartbeat();
      AttemptRef attempt = assignment(quiet);
      quiet.result(attempt, "\"heard\"");
      assertEquals("heard", setup.engine().result(run.id(), String.class, Duration.ofSeconds(20)));
    }
  }

  @Test
  void aScopedTokenRegistersOnlyAsItsWorker() {
    try (Setup setup = setup(Duration.ofSeconds(30))) {
      String scoped = setup.engine().tokens().create("w1 only", Role.WORKER, null, "w1").secret();
      try (RawWorker impostor = RawWorker.connect(setup.target(), scoped)) {
        AssertionError refused = assertThrows(AssertionError.class,
            () -> impostor.register("w2", 1, DEFINITIONS, List.of()));
        assertTrue(refused.getMessage().contains("PERMISSION_DENIED"), refused.getMessage());
      }
      try (RawWorker w1 = RawWorker.connect(setup.target(), scoped)) {
        assertTrue(w1.register("w1", 1, DEFINITIONS, List.of()).getRegistered().getAcceptedList()
            .contains("iso-single"));
      }
    }
  }
}
