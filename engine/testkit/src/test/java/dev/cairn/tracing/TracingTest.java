package dev.cairn.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cairn.Cairn;
import dev.cairn.ChildSpec;
import dev.cairn.NewToken;
import dev.cairn.NonRetryableException;
import dev.cairn.Role;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.StepContext;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.proto.v1.RunServiceGrpc;
import dev.cairn.proto.v1.TriggerRequest;
import dev.cairn.testing.Await;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import dev.cairn.worker.CairnWorker;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Spans and log context across an engine node, a remote worker and a client, all given one OpenTelemetry SDK that
 * records spans in memory: a run's span continues the caller's trace (through a gRPC trigger too), each attempt's
 * span continues its run's (on the worker as on the node), child runs nest under the attempt that started them, and
 * every log line a step writes carries its run, workflow, step and attempt in the MDC. Lives in this module because
 * its tests log through logback, which keeps an MDC.
 */
class TracingTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("cairn.run_id");
  private static final AttributeKey<String> WORKER = AttributeKey.stringKey("cairn.worker");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("cairn.outcome");
  private static final AttributeKey<String> PARENT_RUN = AttributeKey.stringKey("cairn.parent_run_id");
  private static final String STEP_LOGGER = "dev.cairn.tracing.steps";

  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private static final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  private static final ListAppender<ILoggingEvent> stepLog = new ListAppender<>();
  private static Cairn engine;
  private static CairnWorker worker;
  private static CairnClient client;
  private static String target;
  private static String schema;
  private static NewToken clientToken;

  @Workflow(name = "traced-fan")
  static final class Fan {
    @Step
    int fan(Integer children, StepContext ctx) {
      LoggerFactory.getLogger(STEP_LOGGER).info("fanning out to {} children", children);
      return ctx.runChildren("traced-leaf", IntStream.range(0, children).mapToObj(i -> ChildSpec.of("leaf-" + i, i))
          .toList(), Integer.class).stream().mapToInt(Integer::intValue).sum();
    }
  }

  @Workflow(name = "traced-leaf")
  static final class Leaf {
    @Step
    int leaf(Integer index) {
      LoggerFactory.getLogger(STEP_LOGGER).info("leaf {}", index);
      return index * 2;
    }
  }

  @Workflow(name = "traced-failing")
  static final class Failing {
    @Step
    String boom(String input) {
      throw new NonRetryableException("boom: " + input);
    }
  }

  @BeforeAll
  static void start() {
    stepLog.start();
    ((Logger) LoggerFactory.getLogger(STEP_LOGGER)).addAppender(stepLog);
    schema = TestDatabase.newSchema();
    engine = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1").nodeId("traced-node").openTelemetry(otel)
        .register(new Leaf(), new Failing()).build();
    engine.start();
    target = "127.0.0.1:" + engine.grpcPort();
    clientToken = engine.tokens().create("client", Role.CLIENT, null);
    worker = CairnWorker.builder(target).token(engine.tokens().create("worker", Role.WORKER, null).secret())
        .workerId("traced-worker").openTelemetry(otel).register(new Fan()).build();
    worker.start();
    Await.until("the worker registered", DEADLINE, worker::isRegistered);
    client = CairnClient.builder(target).token(clientToken.secret()).openTelemetry(otel).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    worker.close();
    engine.close();
    otel.close();
  }

  @BeforeEach
  void forgetEarlierSpans() {
    spans.reset();
    stepLog.list.clear();
  }

  @Test
  void aRemoteTriggerContinuesTheCallersTraceThroughTheRunItsAttemptsAndItsChildRuns() {
    Span caller = otel.getTracer("test").spanBuilder("caller").startSpan();
    UUID run;
    try (Scope ignored = caller.makeCurrent()) {
      run = client.trigger("traced-fan", 2, TriggerOptions.NONE).id();
    } finally {
      caller.end();
    }
    assertEquals(RunStatus.SUCCEEDED, client.await(run, DEADLINE).status());
    SpanData runSpan = awaitSpan("the parent run's span", span -> span.getName().equals("cairn.run traced-fan"));
    List<SpanData> leafRuns = awaitSpans("both child runs' spans", 2,
        span -> span.getName().equals("cairn.run traced-leaf"));
    List<SpanData> leafSteps = awaitSpans("both child steps' spans", 2,
        span -> span.getName().equals("cairn.step traced-leaf.leaf"));

    String trace = caller.getSpanContext().getTraceId();
    assertEquals(caller.getSpanContext().getSpanId(), runSpan.getParentSpanId(), "the run continues the caller");
    assertEquals(run.toString(), runSpan.getAttributes().get(RUN_ID));
    assertEquals("succeeded", runSpan.getAttributes().get(OUTCOME));
    List<SpanData> fanSteps = finished().stream().filter(span -> span.getName().equals("cairn.step traced-fan.fan"))
        .toList();
    assertFalse(fanSteps.isEmpty(), "the parent's attempts have spans");
    for (SpanData step : fanSteps) {
      assertEquals(trace, step.getTraceId());
      assertEquals(runSpan.getSpanId(), step.getParentSpanId(), "an attempt continues its run");
      assertEquals("traced-worker", step.getAttributes().get(WORKER));
      assertEquals(run.toString(), step.getAttributes().get(RUN_ID));
    }
    for (SpanData leafRun : leafRuns) {
      assertEquals(trace, leafRun.getTraceId());
      assertTrue(fanSteps.stream().anyMatch(step -> step.getSpanId().equals(leafRun.getParentSpanId())),
          "a child run nests under the attempt that started it");
      assertEquals(run.toString(), leafRun.getAttributes().get(PARENT_RUN));
    }
    for (SpanData leafStep : leafSteps) {
      assertEquals(trace, leafStep.getTraceId());
      assertTrue(leafRuns.stream().anyMatch(leafRun -> leafRun.getSpanId().equals(leafStep.getParentSpanId())),
          "a child's attempt continues the child run");
      assertEquals("traced-node", leafStep.getAttributes().get(WORKER));
      assertEquals("succeeded", leafStep.getAttributes().get(OUTCOME));
    }
  }

  @Test
  void aFailedAttemptAndItsRunAreErrorsWithTheFailure() {
    UUID run = engine.trigger("traced-failing", "x").id();
    assertEquals(RunStatus.FAILED, engine.await(run, DEADLINE).status());
    SpanData runSpan = awaitSpan("the failed run's span", span -> span.getName().equals("cairn.run traced-failing"));
    SpanData step = awaitSpan("the failed attempt's span",
        span -> span.getName().equals("cairn.step traced-failing.boom"));
    assertFalse(runSpan.getParentSpanContext().isValid(), "a trigger outside any trace starts one");
    assertEquals(runSpan.getSpanId(), step.getParentSpanId());
    assertEquals(StatusCode.ERROR, step.getStatus().getStatusCode());
    assertTrue(step.getStatus().getDescription().contains("boom: x"), step.getStatus().getDescription());
    assertTrue(step.getEvents().stream().anyMatch(event -> event.getName().equals("exception")), "the exception");
    assertEquals("failed", step.getAttributes().get(OUTCOME));
    assertEquals(StatusCode.ERROR, runSpan.getStatus().getStatusCode());
    assertEquals("failed", runSpan.getAttributes().get(OUTCOME));
  }

  @Test
  void everyLineAStepLogsCarriesItsRunWorkflowStepAndAttemptOnTheNodeAndOnTheWorker() {
    UUID run = engine.trigger("traced-fan", 1).id();
    assertEquals(RunStatus.SUCCEEDED, engine.await(run, DEADLINE).status());
    UUID leaf = UUID.fromString(TestDatabase.queryText("SELECT id FROM " + schema + ".runs WHERE parent_run_id = '"
        + run + "'"));
    Await.until("both steps' lines logged", DEADLINE, () -> List.copyOf(stepLog.list).stream()
        .map(ILoggingEvent::getFormattedMessage).filter(line -> line.startsWith("fanning out") || line.equals("leaf 0"))
        .distinct().count() == 2);
    List<ILoggingEvent> lines = List.copyOf(stepLog.list);
    for (ILoggingEvent line : lines) {
      Map<String, String> mdc = line.getMDCPropertyMap();
      boolean fan = line.getFormattedMessage().startsWith("fanning out");
      assertEquals((fan ? run : leaf).toString(), mdc.get("cairn.run_id"), line.toString());
      assertEquals(fan ? "traced-fan" : "traced-leaf", mdc.get("cairn.workflow"), line.toString());
      assertEquals(fan ? "fan" : "leaf", mdc.get("cairn.step"), line.toString());
      assertTrue(mdc.get("cairn.attempt").matches("[12]"), line.toString());
    }
    assertTrue(lines.stream().anyMatch(line -> line.getThreadName().startsWith("cairn-worker-slot-")),
        "lines from the remote worker's slots");
    assertTrue(lines.stream().anyMatch(line -> line.getThreadName().startsWith("cairn-slot-")),
        "lines from the node's slots");
    assertEquals(null, MDC.get("cairn.run_id"), "the test's own thread carries none");
  }

  @Test
  void anEngineThatRecordsNoSpansStillCarriesTheTriggersContextToTheStepsOfARemoteWorker() {
    try (Cairn untraced = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").build()) {
      untraced.start();
      try (CairnWorker traced = CairnWorker.builder("127.0.0.1:" + untraced.grpcPort())
          .token(untraced.tokens().create("worker", Role.WORKER, null).secret()).workerId("traced-worker-2")
          .openTelemetry(otel).register(new Leaf()).build()) {
        traced.start();
        Await.until("the worker registered", DEADLINE, traced::isRegistered);
        Span caller = otel.getTracer("test").spanBuilder("caller").startSpan();
        UUID run;
        try (Scope ignored = caller.makeCurrent()) {
          run = untraced.trigger("traced-leaf", 5).id();
        } finally {
          caller.end();
        }
        assertEquals(RunStatus.SUCCEEDED, untraced.await(run, DEADLINE).status());
        String id = run.toString();
        SpanData step = awaitSpan("the worker's span", span -> id.equals(span.getAttributes().get(RUN_ID)));
        assertEquals(caller.getSpanContext().getSpanId(), step.getParentSpanId(), "the caller's span is its parent");
        assertEquals("traced-worker-2", step.getAttributes().get(WORKER));
        assertTrue(finished().stream().noneMatch(span -> span.getName().startsWith("cairn.run")),
            "the engine recorded no run span");
      }
    }
  }

  /** Malformed trace context headers start a new trace; the trigger itself succeeds. */
  @Test
  void aTriggerWithAHostileTraceparentHeaderStartsANewTrace() {
    String zeroTrace = "00-" + "0".repeat(32) + "-" + "1".repeat(16) + "-01";
    List<String> hostile = List.of("garbage", zeroTrace, "00-" + "a".repeat(32) + "-" + "0".repeat(16) + "-01",
        "ff-" + "a".repeat(32) + "-" + "b".repeat(16) + "-01", "00-" + "A".repeat(32) + "-" + "B".repeat(16) + "-01",
        "00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-01-" + "x".repeat(4_000), "-".repeat(300), " ");
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      for (String header : hostile) {
        spans.reset();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + clientToken.secret());
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), header);
        String id = RunServiceGrpc.newBlockingStub(ClientInterceptors.intercept(channel,
            MetadataUtils.newAttachHeadersInterceptor(headers))).trigger(TriggerRequest.newBuilder()
            .setWorkflowName("traced-leaf").setInputJson("3").build()).getRunId();
        String row = header.length() > 40 ? header.substring(0, 40) + "…" : header;
        assertEquals(RunStatus.SUCCEEDED, engine.await(UUID.fromString(id), DEADLINE).status(), row);
        SpanData runSpan = awaitSpan("the run's span", span -> id.equals(span.getAttributes().get(RUN_ID))
            && span.getName().startsWith("cairn.run"));
        assertFalse(runSpan.getParentSpanContext().isValid(), row + ": no parent taken from the header");
        assertNotEquals(SpanId.getInvalid(), runSpan.getSpanId(), row);
      }
    } finally {
      channel.shutdownNow();
    }
  }

  private static List<SpanData> finished() {
    return spans.getFinishedSpanItems();
  }

  private static SpanData awaitSpan(String what, Predicate<SpanData> which) {
    return awaitSpans(what, 1, which).get(0);
  }

  private static List<SpanData> awaitSpans(String what, int count, Predicate<SpanData> which) {
    Await.until(what, DEADLINE, () -> finished().stream().filter(which).count() >= count);
    return finished().stream().filter(which).toList();
  }
}
