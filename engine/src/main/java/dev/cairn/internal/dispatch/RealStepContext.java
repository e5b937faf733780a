package dev.cairn.internal.dispatch;

import dev.cairn.StepContext;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.EventTypes;
import dev.cairn.internal.completion.StepOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.cairn.ChildHandle;
import dev.cairn.ChildSpec;
import dev.cairn.internal.composition.Composition;
import dev.cairn.internal.composition.DurableOps;
import dev.cairn.internal.validate.JsonText;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.util.Objects;
import java.util.UUID;

/** The {@link StepContext} of one attempt. Thread-safe, though meant for the attempt's own thread. */
final class RealStepContext implements StepContext {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StepContext.class);
  private final Attempt attempt;
  private final OutcomeSink completer;
  private final AttemptTimer timer;
  private final PayloadCodec codec;
  private final Composition composition;
  private Map<String, String> metadata;
  private DurableOps ops;

  RealStepContext(Attempt attempt, OutcomeSink completer, AttemptTimer timer, PayloadCodec codec,
      Composition composition) {
    this.attempt = attempt;
    this.completer = completer;
    this.timer = timer;
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
    return attempt.claimed.runId();
  }

  @Override
  public String workflowName() {
    return attempt.claimed.workflowName();
  }

  @Override
  public String stepName() {
    return attempt.claimed.stepName();
  }

  @Override
  public int attempt() {
    return attempt.claimed.attempt();
  }

  @Override
  public int previousFailures() {
    return attempt.claimed.failures();
  }

  @Override
  public synchronized Map<String, String> metadata() {
    if (metadata == null) {
      String json = attempt.claimed.metadataJson();
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
    completer.submit(new StepOutcome.Emitted(attempt.ref(), stepName(), type, json));
  }

  @Override
  public void log(String message) {
    LOG.info("{} {} attempt {}: {}", runId(), stepName(), attempt(), message);
    completer.submit(new StepOutcome.Logged(attempt.ref(), message));
  }

  @Override
  public void extendTimeout(Duration extra) {
    Ranges.between("extendTimeout", extra, Duration.ZERO, Ranges.MAX_STEP_TIMEOUT);
    timer.extend(attempt, extra);
    completer.submit(new StepOutcome.TimeoutExtended(attempt.ref(), extra.toMillis()));
  }
}
