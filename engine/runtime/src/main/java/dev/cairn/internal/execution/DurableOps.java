package dev.cairn.internal.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.ChildHandle;
import dev.cairn.ChildRunFailedException;
import dev.cairn.ChildSpec;
import dev.cairn.NonRetryableException;
import dev.cairn.RunStatus;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable operations of one step attempt, numbered in call order (see the package documentation for the
 * resume model). Not thread-safe: one attempt, one thread.
 */
public final class DurableOps {
  /** Who is calling: the attempt, its run's metadata and priority (inherited by children). */
  public record AttemptInfo(AttemptId ref, String stepName, Map<String, String> metadata, int priority) {}

  /** Longest event key (the same bound as pushed events). */
  public static final int EVENT_KEY_LENGTH = 255;
  /** Longest child key. */
  public static final int CHILD_KEY_LENGTH = 255;
  private static final String START_CHILDREN = "START_CHILDREN";
  private static final String AWAIT_CHILDREN = "AWAIT_CHILDREN";
  private static final String SLEEP = "SLEEP";
  private static final String EVENT = "EVENT";

  private final Composition composition;
  private final AttemptInfo attempt;
  private int nextSeq;
  private Integer recorded;

  DurableOps(Composition composition, AttemptInfo attempt) {
    this.composition = composition;
    this.attempt = attempt;
  }

  /**
   * True while this invocation is re-walking operations an earlier invocation recorded: the step's own progress
   * events of that stretch were emitted already and are not emitted again.
   */
  public boolean replaying() {
    if (attempt.ref().attempt() == 1) {
      return false;
    }
    if (recorded == null) {
      recorded = composition.backend.countOperations(attempt.ref());
    }
    return nextSeq < recorded;
  }

  public List<ChildHandle> startChildren(String workflowName, List<ChildSpec> children) {
    Text.name("child workflow name", workflowName);
    List<String> keys = children.stream().map(child -> Text.name("child key", child.key(), CHILD_KEY_LENGTH)).toList();
    if (keys.stream().distinct().count() != keys.size()) {
      throw new IllegalArgumentException("child keys must be distinct within one call: " + keys);
    }
    record(START_CHILDREN, workflowName + " x" + keys.size() + " " + digest(String.join("\n", keys)), 0, 0);
    List<UUID> ids = composition.backend.startChildren(
        attempt.ref(), workflowName, children,
        attempt.metadata());
    List<ChildHandle> handles = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      handles.add(new ChildHandle(ids.get(i), workflowName, keys.get(i)));
    }
    return handles;
  }

  public <T> List<T> awaitChildren(List<ChildHandle> children, Class<T> type) {
    String ids = String.join(",", children.stream().map(child -> child.runId().toString()).toList());
    record(AWAIT_CHILDREN, "x" + children.size() + " " + digest(ids), 0, 0);
    List<CompositionBackend.ChildState> states =
        composition.backend.children(attempt.ref(), children.stream().map(ChildHandle::runId).toList());
    if (states.stream().anyMatch(state -> !RunStatus.valueOf(state.status()).isFinal())) {
      throw new StepSuspended(new Wait("CHILDREN", null,
          children.stream().map(ChildHandle::runId).toList(), null, null));
    }
    List<T> outputs = new ArrayList<>(children.size());
    for (int i = 0; i < children.size(); i++) {
      CompositionBackend.ChildState state = states.get(i);
      RunStatus status = RunStatus.valueOf(state.status());
      if (status != RunStatus.SUCCEEDED) {
        throw new ChildRunFailedException(state.runId(), state.workflowName(), children.get(i).key(), status,
            state.error());
      }
      outputs.add(composition.codec.decode(state.outputJson(), type));
    }
    return outputs;
  }

  public void sleep(Duration duration) {
    Ranges.between("sleep duration", duration, Duration.ZERO, Ranges.MAX_WAIT);
    OperationRecord op = record(SLEEP, duration.toMillis() + "ms", duration.toMillis(), 0);
    if (op.now().isBefore(op.wakeAt())) {
      throw new StepSuspended(new Wait("SLEEP", op.wakeAt(), null, null, null));
    }
  }

  public <T> Optional<T> waitForEvent(String key, Duration timeout, Class<T> type) {
    Text.name("event key", key, EVENT_KEY_LENGTH);
    Ranges.between("event wait timeout", timeout, Duration.ZERO, Ranges.MAX_WAIT);
    OperationRecord op = record(EVENT, key + " within " + timeout.toMillis() + "ms", timeout.toMillis(),
        composition.eventLookback().toMillis());
    int seq = nextSeq - 1;
    String result = op.resultJson();
    if (result == null) {
      Optional<String> payload = composition.backend.findPushedEvent(attempt.ref(), key, op.since());
      if (payload.isPresent()) {
        result = composition.backend.setOperationResult(attempt.ref(), seq,
            "{\"received\": true, \"payload\": " + payload.get() + "}");
      } else if (!op.now().isBefore(op.wakeAt())) {
        result = composition.backend.setOperationResult(attempt.ref(), seq, "{\"received\": false}");
      } else {
        throw new StepSuspended(new Wait("EVENT", op.wakeAt(), null, key, op.since()));
      }
    }
    JsonNode recorded = composition.codec.decode(result, JsonNode.class);
    if (!recorded.path("received").asBoolean()) {
      return Optional.empty();
    }
    return Optional.ofNullable(composition.codec.decode(recorded.get("payload").toString(), type));
  }

  private OperationRecord record(String kind, String signature, long delayMillis, long lookbackMillis) {
    int seq = nextSeq++;
    OperationRecord op = composition.backend.recordOperation(attempt.ref(), seq, kind, signature, delayMillis,
        lookbackMillis);
    if (!op.kind().equals(kind) || !op.signature().equals(signature)) {
      throw new NonRetryableException("step '" + attempt.stepName() + "' took a different path on resume: durable"
          + " operation #" + (seq + 1) + " was " + op.kind() + "(" + op.signature() + ") when first run, and is now "
          + kind + "(" + signature + "); durable operations must be called in the same order with the same"
          + " arguments");
    }
    return op;
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
