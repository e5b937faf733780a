package dev.cairn.testkit;

import dev.cairn.ChildHandle;
import dev.cairn.ChildRunFailedException;
import dev.cairn.ChildSpec;
import dev.cairn.RunStatus;
import dev.cairn.StepContext;
import dev.cairn.internal.codec.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StepContext} for calling one step method directly in a unit test, without an engine: it records what
 * the step does (events emitted, log lines, children started, sleeps, event waits, timeout extensions) and answers
 * with what the test scripted (children's outputs or failures, pushed events). Values cross it as JSON, as they do
 * in the engine, so a type that would not survive the round trip fails here too.
 *
 * <pre>{@code
 * FakeStepContext ctx = FakeStepContext.builder().child("TrackProcessing", "track-0", new Track(0, "s3://..."))
 *     .build();
 * Summary summary = new DiarizationPipeline(services).processTracks(input, ctx);
 * assertEquals(List.of("track-0"), ctx.childrenStarted().stream().map(FakeStepContext.StartedChild::key).toList());
 * }</pre>
 *
 * Thread-safe.
 */
public final class FakeStepContext implements StepContext {
  /** An event the step emitted, its payload as JSON. */
  public record Emitted(String type, String payloadJson) {}

  /** A child the step started. */
  public record StartedChild(String workflowName, String key, String inputJson) {}

  /** A wait for a pushed event the step made. */
  public record EventWait(String key, Duration timeout) {}

  private final PayloadCodec codec = new PayloadCodec();
  private final UUID runId;
  private final String workflowName;
  private final String stepName;
  private final int attempt;
  private final int previousFailures;
  private final Map<String, String> metadata;
  private final Map<String, Object> childOutputs;
  private final Map<String, String> childFailures;
  private final Map<String, Object> events;
  private final List<Emitted> emitted = new CopyOnWriteArrayList<>();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final List<StartedChild> children = new CopyOnWriteArrayList<>();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<EventWait> eventWaits = new CopyOnWriteArrayList<>();
  private final List<Duration> extensions = new CopyOnWriteArrayList<>();

  private FakeStepContext(Builder builder) {
    this.runId = builder.runId;
    this.workflowName = builder.workflowName;
    this.stepName = builder.stepName;
    this.attempt = builder.attempt;
    this.previousFailures = builder.attempt - 1;
    this.metadata = Map.copyOf(builder.metadata);
    this.childOutputs = Map.copyOf(builder.childOutputs);
    this.childFailures = Map.copyOf(builder.childFailures);
    this.events = Map.copyOf(builder.events);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A context with nothing scripted: attempt 1 of step "step" of workflow "workflow". */
  public static FakeStepContext create() {
    return builder().build();
  }

  public List<Emitted> emitted() {
    return List.copyOf(emitted);
  }

  public List<String> logLines() {
    return List.copyOf(logLines);
  }

  public List<StartedChild> childrenStarted() {
    return List.copyOf(children);
  }

  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public List<EventWait> eventWaits() {
    return List.copyOf(eventWaits);
  }

  public List<Duration> timeoutExtensions() {
    return List.copyOf(extensions);
  }

  @Override
  public UUID runId() {
    return runId;
  }

  @Override
  public String workflowName() {
    return workflowName;
  }

  @Override
  public String stepName() {
    return stepName;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public int previousFailures() {
    return previousFailures;
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public void emit(String type, Object payload) {
    emitted.add(new Emitted(Objects.requireNonNull(type, "type"), codec.encode(payload)));
  }

  @Override
  public void log(String message) {
    logLines.add(message);
  }

  @Override
  public void extendTimeout(Duration extra) {
    extensions.add(extra);
  }

  @Override
  public ChildHandle startChild(String workflowName, String key, Object input) {
    return startChildren(workflowName, List.of(ChildSpec.of(key, input))).get(0);
  }

  @Override
  public List<ChildHandle> startChildren(String workflowName, List<ChildSpec> specs) {
    List<ChildHandle> handles = new ArrayList<>();
    for (ChildSpec spec : specs) {
      children.add(new StartedChild(workflowName, spec.key(), codec.encode(spec.input())));
      handles.add(new ChildHandle(UUID.nameUUIDFromBytes((runId + "/" + workflowName + "/" + spec.key())
          .getBytes(StandardCharsets.UTF_8)), workflowName, spec.key()));
    }
    return handles;
  }

  @Override
  public <T> T awaitChild(ChildHandle child, Class<T> outputType) {
    return awaitChildren(List.of(child), outputType).get(0);
  }

  @Override
  public <T> List<T> awaitChildren(List<ChildHandle> handles, Class<T> outputType) {
    List<T> outputs = new ArrayList<>();
    for (ChildHandle child : handles) {
      String key = childKey(child.workflowName(), child.key());
      String failure = childFailures.get(key);
      if (failure != null) {
        throw new ChildRunFailedException(child.runId(), child.workflowName(), child.key(), RunStatus.FAILED,
            failure);
      }
      if (!childOutputs.containsKey(key)) {
        throw new IllegalStateException("no scripted outcome for child " + child.key() + " of " + child.workflowName()
            + ": script it with FakeStepContext.builder().child(...) or .failedChild(...)");
      }
      outputs.add(codec.decode(codec.encode(childOutputs.get(key)), outputType));
    }
    return outputs;
  }

  @Override
  public <T> List<T> runChildren(String workflowName, List<ChildSpec> specs, Class<T> outputType) {
    return awaitChildren(startChildren(workflowName, specs), outputType);
  }

  /** Records the sleep and returns at once. */
  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
  }

  /** Records the wait; returns the event scripted for {@code key}, or empty (as if the wait timed out). */
  @Override
  public <T> Optional<T> waitForEvent(String key, Duration timeout, Class<T> payloadType) {
    eventWaits.add(new EventWait(key, timeout));
    if (!events.containsKey(key)) {
      return Optional.empty();
    }
    return Optional.ofNullable(codec.decode(codec.encode(events.get(key)), payloadType));
  }

  private static String childKey(String workflowName, String key) {
    return workflowName + "\u0000" + key;
  }

  /** Scripts a {@link FakeStepContext}. Not thread-safe. */
  public static final class Builder {
    private UUID runId = UUID.randomUUID();
    private String workflowName = "workflow";
    private String stepName = "step";
    private int attempt = 1;
    private final Map<String, String> metadata = new HashMap<>();
    private final Map<String, Object> childOutputs = new HashMap<>();
    private final Map<String, String> childFailures = new HashMap<>();
    private final Map<String, Object> events = new HashMap<>();

    private Builder() {}

    public Builder runId(UUID id) {
      this.runId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** The workflow and step the context says it belongs to. */
    public Builder step(String workflow, String step) {
      this.workflowName = Objects.requireNonNull(workflow, "workflow");
      this.stepName = Objects.requireNonNull(step, "step");
      return this;
    }

    /** The attempt number (1 for the first); previous failures are one fewer. */
    public Builder attempt(int number) {
      if (number < 1) {
        throw new IllegalArgumentException("attempt must be >= 1, got " + number);
      }
      this.attempt = number;
      return this;
    }

    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** The output child {@code key} of {@code workflow} finishes with. */
    public Builder child(String workflow, String key, Object output) {
      childOutputs.put(childKey(workflow, key), output);
      return this;
    }

    /** Child {@code key} of {@code workflow} fails with {@code error}. */
    public Builder failedChild(String workflow, String key, String error) {
      childFailures.put(childKey(workflow, key), error);
      return this;
    }

    /** The payload an event wait for {@code key} receives (unscripted waits time out). */
    public Builder event(String key, Object payload) {
      events.put(key, payload);
      return this;
    }

    public FakeStepContext build() {
      return new FakeStepContext(this);
    }
  }
}
