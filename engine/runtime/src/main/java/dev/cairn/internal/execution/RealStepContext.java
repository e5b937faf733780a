package dev.cairn.internal.execution;

import dev.cairn.ChildHandle;
import dev.cairn.ChildSpec;
import dev.cairn.StepContext;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link StepContext} of one attempt. Thread-safe, though meant for the attempt's own thread. */
final class RealStepContext implements StepContext {
  private static final Logger LOG = LoggerFactory.getLogger(StepContext.class);
  private final Attempt attempt;
  private final AttemptReports reports;
  private final PayloadCodec codec;
  private final Composition composition;
  private Map<String, String> metadata;
  private DurableOps ops;

  RealStepContext(Attempt attempt, AttemptReports reports, PayloadCodec codec, Composition composition) {
    this.attempt = attempt;
    this.reports = reports;
    this.codec = codec;
    this.composition = composition;
  }

  private DurableOps ops() {
    if (ops == null) {
      ops = composition.forAttempt(new DurableOps.AttemptInfo(attempt.ref(), stepName(), metadata(), 0));
    }
    return ops;
  }

  @Override
  public ChildHandle startChild(String workflowName, String key, Object input) {
    return startChildren(workflowName, List.of(ChildSpec.of(key, input))).get(0);
  }

  @Override
  public List<ChildHandle> startChildren(String workflowName, List<ChildSpec> children) {
    return ops().startChildren(workflowName, children);
  }

  @Override
  public <T> T awaitChild(ChildHandle child, Class<T> outputType) {
    return awaitChildren(List.of(child), outputType).get(0);
  }

  @Override
  public <T> List<T> awaitChildren(List<ChildHandle> children, Class<T> outputType) {
    return ops().awaitChildren(children, outputType);
  }

  @Override
  public <T> List<T> runChildren(String workflowName, List<ChildSpec> children, Class<T> outputType) {
    return awaitChildren(startChildren(workflowName, children), outputType);
  }

  @Override
  public void sleep(Duration duration) {
    ops().sleep(duration);
  }

  @Override
  public <T> Optional<T> waitForEvent(String key, Duration timeout, Class<T> payloadType) {
    return ops().waitForEvent(key, timeout, payloadType);
  }

  @Override
  public UUID runId() {
    return attempt.assigned().runId();
  }

  @Override
  public String workflowName() {
    return attempt.assigned().workflowName();
  }

  @Override
  public String stepName() {
    return attempt.assigned().stepName();
  }

  @Override
  public int attempt() {
    return attempt.assigned().attempt();
  }

  @Override
  public int previousFailures() {
    return attempt.assigned().failures();
  }

  @Override
  public synchronized Map<String, String> metadata() {
    if (metadata == null) {
      String json = attempt.assigned().metadataJson();
      metadata = json == null ? Map.of() : Map.copyOf(codec.decodeStringMap(json));
    }
    return metadata;
  }

  @Override
  public void emit(String type, Object payload) {
    Text.name("event type", type, EventTypes.MAX_TYPE_LENGTH);
    if (type.isBlank() || EventTypes.isReserved(type)) {
      throw new IllegalArgumentException("event type " + Text.quote(type) + " is blank or reserved (RUN_*, STEP_*)");
    }
    String json = JsonText.checkWritten("the payload of event " + Text.quote(type), codec.encode(payload));
    if (ops().replaying()) {
      return;
    }
    reports.emitted(attempt, type, json);
  }

  @Override
  public void log(String message) {
    LOG.info("{} {} attempt {}: {}", runId(), stepName(), attempt(), message);
    reports.logged(attempt, message);
  }

  @Override
  public void extendTimeout(Duration extra) {
    Ranges.between("extendTimeout", extra, Duration.ZERO, Ranges.MAX_STEP_TIMEOUT);
    reports.extended(attempt, extra);
  }
}
