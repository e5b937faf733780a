package dev.cairn.grpc.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.cairn.proto.v1.AuthServiceGrpc;
import dev.cairn.proto.v1.GetRunRequest;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.WatchRunRequest;
import dev.cairn.proto.v1.WatchRunsRequest;
import dev.cairn.proto.v1.WhoAmIRequest;
import dev.cairn.testing.TestChannel;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every value class in every field of every client-facing RPC, over a real gRPC channel to a real engine: the
 * answer is the honest status with a short description naming the field and no SQL or stack text, nothing is
 * written, and the same channel answers the next call.
 */
class AdversarialRequestsTest {
  private static AdversarialEngine engine;
  private static TestChannel channel;
  private static Rpcs rpcs;

  @BeforeAll
  static void start() {
    engine = AdversarialEngine.start();
    channel = TestChannel.open(engine.target);
    rpcs = new Rpcs(engine);
  }

  @AfterAll
  static void stop() {
    channel.close();
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> everyBadValueOfEveryFieldIsRefusedByNameAndChangesNothing() {
    String admin = "Bearer " + engine.admin.secret();
    return FieldTable.rows(engine, rpcs).stream().flatMap(row -> row.cases(admin).stream())
        .map(sent -> DynamicTest.dynamicTest(sent.name(), () -> send(sent)));
  }

  private static void send(Case sent) {
    AdversarialEngine.RowCounts before = engine.counts();
    Outcome outcome = sent.send().apply(channel.channel());
    Verdict.check(sent, outcome);
    if (sent.expected() == Status.Code.OK) {
      engine.settle();
    } else {
      assertEquals(before, engine.counts(), sent.name() + " changed nothing");
    }
    assertAnswered(channel.channel());
  }

  @Test
  void theTableCoversEveryClientFacingRpcAndEveryFieldOfItsRequest() {
    Map<String, Set<String>> covered = new TreeMap<>();
    for (Row<?, ?> row : FieldTable.rows(engine, rpcs)) {
      covered.computeIfAbsent(row.rpc().name(), rpc -> new TreeSet<>()).add(RequestFields.normalized(row.field()));
    }
    Map<String, Set<String>> missing = new TreeMap<>();
    for (MethodDescriptor method : RequestFields.clientFacingMethods()) {
      String rpc = method.getService().getName() + "." + method.getName();
      Set<String> fields = RequestFields.paths(method.getInputType());
      Set<String> rows = covered.getOrDefault(rpc, Set.of());
      Set<String> uncovered = fields.stream().filter(field -> !rows.contains(field)).collect(Collectors.toSet());
      if (uncovered.size() > 0 || rows.isEmpty()) {
        missing.put(rpc, uncovered);
      }
    }
    assertEquals(Map.of(), missing, "RPCs and request fields without a row in FieldTable");
    Set<String> known = RequestFields.clientFacingMethods().stream()
        .map(method -> method.getService().getName() + "." + method.getName()).collect(Collectors.toSet());
    assertTrue(known.containsAll(covered.keySet()), "rows for RPCs that do not exist: " + covered.keySet());
    assertEquals(known, rpcs.all().stream().map(Rpc::name).collect(Collectors.toSet()));
  }

  @Test
  void theCompletenessCheckSeesMapKeysMapValuesAndRepeatedEntries() {
    MethodDescriptor bulk = RequestFields.clientFacingMethods().stream()
        .filter(method -> method.getName().equals("BulkTrigger")).findFirst().orElseThrow();
    Set<String> paths = RequestFields.paths(bulk.getInputType());
    assertTrue(paths.containsAll(List.of("runs", "runs[].workflow_name", "runs[].metadata",
        "runs[].metadata.key", "runs[].metadata.value", "runs[].priority")), paths.toString());
  }

  @Test
  void aRefusedCallWithAHugeValueLeavesTheChannelAnswering() {
    Channel same = channel.channel();
    RunServiceGrpc.RunServiceBlockingStub runs = RunServiceGrpc.newBlockingStub(same)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(AdversarialEngine.bearer(engine.admin.secret())))
        .withDeadlineAfter(Rpcs.DEADLINE_SECONDS, TimeUnit.SECONDS);
    String huge = BadValues.huge(1024 * BadValues.KIB);
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> runs.getRun(GetRunRequest.newBuilder().setRunId(huge).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    assertEquals(engine.finishedRun.toString(),
        runs.getRun(GetRunRequest.newBuilder().setRunId(engine.finishedRun.toString()).build()).getId());
    StatusRuntimeException stream = assertThrows(StatusRuntimeException.class, () -> runs.watchRuns(
        WatchRunsRequest.newBuilder().putMetadata(huge, "\u0000").build()).hasNext());
    assertEquals(Status.Code.INVALID_ARGUMENT, stream.getStatus().getCode());
    assertFalse(runs.watchRun(WatchRunRequest.newBuilder().setRunId(engine.finishedRun.toString())
        .setAfterSeq(engine.finishedRunLastSeq).build()).hasNext(), "a finished run's stream ends at once");
  }

  @Test
  void everyCaseHasItsOwnNameSoAFailureSaysWhichValueInWhichField() {
    Collection<Case> cases = FieldTable.rows(engine, rpcs).stream()
        .flatMap(row -> row.cases("Bearer x").stream()).toList();
    assertTrue(cases.size() > 300, "cases: " + cases.size());
    assertEquals(cases.size(), cases.stream().map(Case::name).distinct().count(), "case names are unique");
  }

  /** The channel still answers: a call after a refused one neither hangs nor fails. */
  private static void assertAnswered(Channel same) {
    AuthServiceGrpc.newBlockingStub(same)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(AdversarialEngine.bearer(engine.admin.secret())))
        .withDeadlineAfter(Rpcs.DEADLINE_SECONDS, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance());
  }
}
