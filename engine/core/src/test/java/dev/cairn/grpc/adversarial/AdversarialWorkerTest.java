package dev.cairn.grpc.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.cairn.Role;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.EngineMessage;
import dev.cairn.proto.v1.Failure;
import dev.cairn.proto.v1.LogLine;
import dev.cairn.proto.v1.Progress;
import dev.cairn.proto.v1.StepResult;
import dev.cairn.proto.v1.WorkerMessage;
import dev.cairn.proto.v1.WorkerServiceProto;
import dev.cairn.testing.RawWorker;
import dev.cairn.testing.TestChannel;
import dev.cairn.testing.TestDatabase;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The worker service under hostile input, in the same manner as the client-facing services: every field of every
 * durable-operation request and of every message a worker sends on its stream, with every value class, including
 * "another worker's attempt". Each refusal names the field (or the attempt), is short, carries no SQL or stack
 * text, changes nothing, and leaves the channel or the stream working.
 */
class AdversarialWorkerTest {
  private static WorkerFixture fixture;
  private static TestChannel channel;

  @BeforeAll
  static void start() throws Exception {
    fixture = new WorkerFixture();
    channel = TestChannel.open(fixture.target);
  }

  @AfterAll
  static void stop() throws Exception {
    channel.close();
    fixture.close();
  }

  @TestFactory
  Stream<DynamicTest> everyBadValueOfEveryDurableOperationFieldIsRefusedAndChangesNothing() {
    String token = "Bearer " + fixture.workerToken;
    return WorkerOperationsTable.rows(fixture).stream().flatMap(row -> row.cases(token).stream())
        .map(sent -> DynamicTest.dynamicTest(sent.name(), () -> {
          Map<String, Long> before = fixture.counts();
          Verdict.check(sent, sent.send().apply(channel.channel()));
          assertEquals(before, fixture.counts(), sent.name() + " changed nothing");
        }));
  }

  @TestFactory
  Stream<DynamicTest> everyBadValueOfEveryStreamMessageIsRejectedAndTheStreamGoesOn() {
    return WorkerStreamTable.rows(fixture).stream()
        .filter(row -> row.answer() == WorkerStreamTable.Answer.REJECTED).flatMap(row -> cases(row).stream());
  }

  private static <V> List<DynamicTest> cases(WorkerStreamTable.StreamRow<V> row) {
    return row.values().stream().map(value -> DynamicTest.dynamicTest(row.field() + " = " + value.label(), () -> {
      Map<String, Long> before = fixture.counts();
      WorkerMessage.Builder message = WorkerMessage.newBuilder();
      row.setter().accept(message, value.value());
      fixture.worker.send(message.build());
      EngineMessage answer = fixture.worker.await("a rejection", EngineMessage::hasRejected, Duration.ofSeconds(20));
      Verdict.check(new Case(row.field() + " = " + value.label(), row.field(), value.expected(), value.text(),
          unused -> null), new Outcome(Status.Code.valueOf(answer.getRejected().getCode()),
              answer.getRejected().getReason()));
      assertFalse(fixture.worker.ended(), "the stream stays open");
      assertEquals(before, fixture.counts(), row.field() + " changed nothing");
    })).toList();
  }

  @TestFactory
  Stream<DynamicTest> everyBadValueOfTheRegistrationEndsThatStreamWithTheFieldNamed() {
    return WorkerStreamTable.rows(fixture).stream()
        .filter(row -> row.answer() != WorkerStreamTable.Answer.REJECTED)
        .flatMap(row -> registrationCases(row).stream());
  }

  /**
   * A refused registration ends its stream with the status, changing nothing. An accepted one (a good value of a
   * declaration) is registered with its workflows accepted; then the declarations of before are put back (any
   * registration that was answered, a refused value accepted included, so the next case starts from them).
   */
  private static <V> List<DynamicTest> registrationCases(WorkerStreamTable.StreamRow<V> row) {
    return row.values().stream().map(value -> DynamicTest.dynamicTest(row.field() + " = " + value.label(), () -> {
      Map<String, Long> before = fixture.counts();
      WorkerMessage.Builder message = WorkerStreamTable.validRegistration(WorkerStreamTable.REGISTRANT);
      row.setter().accept(message, value.value());
      Case sent = new Case(row.field() + " = " + value.label(), row.field(), value.expected(), value.text(),
          unused -> null);
      Map<String, Long> after;
      try (RawWorker registrant = RawWorker.connect(fixture.target, fixture.workerToken)) {
        registrant.send(message.build());
        if (row.answer() == WorkerStreamTable.Answer.STREAM_ENDS) {
          EngineMessage registered = registeredOrEnded(registrant);
          after = fixture.counts();
          if (registered != null) {
            restore(message.build());
          }
          Verdict.check(sent, registered == null
              ? Outcome.of((StatusRuntimeException) registrant.endedWith(Duration.ofSeconds(1))) : Outcome.OK);
          if (registered != null) {
            assertEquals(message.getRegister().getWorkflowsList().stream().map(w -> w.getName()).toList(),
                registered.getRegistered().getAcceptedList(), sent.name() + ": every workflow accepted");
            assertEquals(before, fixture.counts(), sent.name() + ": the declarations of before are back");
            return;
          }
        } else {
          registrant.await("Registered", EngineMessage::hasRegistered, Duration.ofSeconds(20));
          EngineMessage answer = registrant.await("a rejection", EngineMessage::hasRejected, Duration.ofSeconds(20));
          Verdict.check(sent, new Outcome(Status.Code.valueOf(answer.getRejected().getCode()),
              answer.getRejected().getReason()));
          assertFalse(registrant.ended(), "the registered stream stays open");
          after = fixture.counts();
        }
      }
      assertEquals(before, after, row.field() + " changed nothing");
    })).toList();
  }

  /** The Registered answer, or null when the engine ended the stream first. */
  private static EngineMessage registeredOrEnded(RawWorker registrant) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      EngineMessage registered = registrant.poll(EngineMessage::hasRegistered, Duration.ofMillis(50));
      if (registered != null) {
        return registered;
      }
      if (registrant.ended()) {
        return null;
      }
    }
    throw new AssertionError("the engine neither answered the registration nor ended the stream within 20s");
  }

  /** Registers {@code accepted}'s definitions again declaring what they declared before the case. */
  private static void restore(WorkerMessage accepted) {
    try (RawWorker restorer = RawWorker.connect(fixture.target, fixture.workerToken)) {
      restorer.send(LifecycleDefinitionRows.restoring(accepted, WorkerStreamTable.DEFINITION));
      restorer.await("Registered", EngineMessage::hasRegistered, Duration.ofSeconds(20));
    }
  }

  /**
   * The counts the registration cases compare see a declaration written: a definition declaring other than what
   * is stored changes the schedule, event trigger and retention rows, each; registering the valid one puts back
   * what was.
   */
  @Test
  void aRegistrationDeclaringOtherwiseChangesTheCountedRows() {
    Map<String, Long> before = fixture.counts();
    WorkerMessage.Builder message = WorkerStreamTable.validRegistration(WorkerStreamTable.REGISTRANT);
    message.getRegisterBuilder().getWorkflowsBuilder(0).setLifecycle(LifecycleDefinitionRows.ANOTHER);
    try (RawWorker registrant = RawWorker.connect(fixture.target, fixture.workerToken)) {
      registrant.send(message.build());
      registrant.await("Registered", EngineMessage::hasRegistered, Duration.ofSeconds(20));
    }
    Map<String, Long> changed = fixture.counts();
    restore(message.build());
    for (String table : List.of("schedules", "event_triggers", "workflow_retention")) {
      assertNotEquals(before.get(table + " content"), changed.get(table + " content"), table + " written");
    }
    assertEquals(before, fixture.counts(), "the valid registration's declarations are back");
  }

  /**
   * A definition without a lifecycle comes from a worker built before declarations travelled: its registration is
   * accepted and leaves what is declared as it is (an empty lifecycle would remove it).
   */
  @Test
  void aRegistrationWithoutALifecycleChangesNoDeclaration() {
    Map<String, Long> before = fixture.counts();
    WorkerMessage.Builder message = WorkerStreamTable.validRegistration(WorkerStreamTable.REGISTRANT);
    message.getRegisterBuilder().getWorkflowsBuilder(0).clearLifecycle();
    try (RawWorker registrant = RawWorker.connect(fixture.target, fixture.workerToken)) {
      registrant.send(message.build());
      EngineMessage registered = registrant.await("Registered", EngineMessage::hasRegistered, Duration.ofSeconds(20));
      assertTrue(registered.getRegistered().getAcceptedList().contains(message.getRegister().getWorkflows(0)
          .getName()), registered.toString());
    }
    assertEquals(before, fixture.counts(), "the declarations are as they were");
  }

  @Test
  void aLogLineIsFreeTextStoredSanitisedInTheLogNeverRefused() {
    fixture.worker.send(WorkerMessage.newBuilder().setLog(LogLine.newBuilder().setAttempt(fixture.held)
        .setLevel("INFO\u0000").setMessage("line\u0000" + BadValues.huge(1024 * 1024))).build());
    // A message that is refused acts as a barrier: the stream handles messages in order, so the first rejection
    // after the log line is this one, and none came for the log line.
    fixture.worker.send(WorkerMessage.newBuilder().setProgress(Progress.newBuilder().setAttempt(fixture.held)
        .setType("")).build());
    EngineMessage first = fixture.worker.await("a rejection", EngineMessage::hasRejected, Duration.ofSeconds(20));
    assertTrue(first.getRejected().getReason().contains("progress.type"), first.getRejected().getReason());
    assertFalse(fixture.worker.ended());
  }

  @Test
  void aWorkersFailureTextIsStoredWithoutU0000AndCutToItsLimit() {
    try (RawWorker failing = RawWorker.connect(fixture.target, fixture.cairn.tokens()
        .create("failing worker", Role.WORKER, null).secret())) {
      failing.register("failing-worker", 1, List.of(RawWorker.definition(new WorkerFixture.Remote())), List.of());
      fixture.cairn.trigger(WorkerFixture.WORKFLOW, "to fail");
      AttemptRef attempt = failing.await("an assignment", EngineMessage::hasAssignment, Duration.ofSeconds(20))
          .getAssignment().getAttempt();
      failing.send(WorkerMessage.newBuilder().setResult(StepResult.newBuilder().setAttempt(attempt)
          .setFailure(Failure.newBuilder().setError("broken\u0000" + BadValues.huge(1024 * 1024)).setRetryable(false)))
          .build());
      EngineMessage ack = failing.await("the acknowledgement", EngineMessage::hasResultAck, Duration.ofSeconds(20));
      assertTrue(ack.getResultAck().getAccepted());
      assertFailureText(TestDatabase.queryText("SELECT error FROM " + fixture.schema + ".steps WHERE id = "
          + attempt.getStepId()));
    }
  }

  private static void assertFailureText(String error) {
    assertTrue(error.startsWith("broken" + BadValues.PATTERN), error.substring(0, 40));
    assertTrue(error.length() <= 10_001, "cut to the limit: " + error.length());
  }

  @Test
  void theTablesCoverEveryWorkerRequestAndMessageField() {
    Map<String, Set<String>> covered = new TreeMap<>();
    for (Row<?, ?> row : WorkerOperationsTable.rows(fixture)) {
      covered.computeIfAbsent(row.rpc().method(), rpc -> new TreeSet<>()).add(RequestFields.normalized(row.field()));
    }
    Map<String, Set<String>> missing = new TreeMap<>();
    for (MethodDescriptor method : RequestFields.workerOperationMethods()) {
      Set<String> rows = covered.getOrDefault(method.getName(), Set.of());
      Set<String> uncovered = RequestFields.paths(method.getInputType()).stream()
          .filter(field -> !rows.contains(field)).collect(Collectors.toSet());
      if (!uncovered.isEmpty() || rows.isEmpty()) {
        missing.put(method.getName(), uncovered);
      }
    }
    Set<String> streamRows = WorkerStreamTable.rows(fixture).stream()
        .map(row -> RequestFields.normalized(row.field())).collect(Collectors.toSet());
    Set<String> streamFields = RequestFields.paths(WorkerServiceProto.getDescriptor()
        .findMessageTypeByName("WorkerMessage"));
    Set<String> uncoveredStream = streamFields.stream().filter(field -> !streamRows.contains(field)
        && WorkerStreamTable.COVERED_ELSEWHERE.stream().noneMatch(field::startsWith)).collect(Collectors.toSet());
    if (!uncoveredStream.isEmpty()) {
      missing.put("Connect", uncoveredStream);
    }
    assertEquals(Map.of(), missing, "worker fields without a row");
  }
}
