package dev.cairn.internal.wire;

import com.google.protobuf.Timestamp;
import dev.cairn.Role;
import dev.cairn.RunEvent;
import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.StepView;
import dev.cairn.TokenInfo;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.validate.Ranges;
import dev.cairn.internal.validate.RunIds;
import dev.cairn.internal.validate.Text;
import dev.cairn.proto.v1.AttemptRef;
import dev.cairn.proto.v1.Run;
import dev.cairn.proto.v1.Step;
import dev.cairn.proto.v1.StepStatus;
import dev.cairn.proto.v1.Token;
import java.time.Instant;
import java.util.UUID;

/** Converts between the engine's types and cairn.v1 messages. Stateless. */
public final class ProtoMapping {
  private ProtoMapping() {}

  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  /** A timestamp the engine itself wrote (trusted: no range check). */
  public static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /**
   * A timestamp from a caller.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming {@code field} when it is outside 0001..9999
   */
  public static Instant instant(String field, Timestamp timestamp) {
    try {
      return Ranges.instant(field, timestamp.getSeconds(), timestamp.getNanos());
    } catch (IllegalArgumentException e) {
      throw e;
    }
  }

  public static Token token(TokenInfo info) {
    Token.Builder token = Token.newBuilder().setId(info.id()).setName(info.name())
        .setRole(dev.cairn.proto.v1.Role.valueOf("ROLE_" + info.role().name()))
        .setCreatedAt(timestamp(info.createdAt()))
        .setWorkerId(nullToEmpty(info.workerId()));
    if (info.expiresAt() != null) {
      token.setExpiresAt(timestamp(info.expiresAt()));
    }
    if (info.revokedAt() != null) {
      token.setRevokedAt(timestamp(info.revokedAt()));
    }
    return token.build();
  }

  public static TokenInfo token(Token token) {
    return new TokenInfo(token.getId(), token.getName(), Role.valueOf(token.getRole().name().substring(5)),
        instant(token.getCreatedAt()), token.hasExpiresAt() ? instant(token.getExpiresAt()) : null,
        token.hasRevokedAt() ? instant(token.getRevokedAt()) : null, emptyToNull(token.getWorkerId()));
  }

  /** Parses a run id field. @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the field */
  public static UUID runId(String field, String value) {
    UUID id = RunIds.parse(value);
    if (id == null) {
      throw new IllegalArgumentException(field + " " + Text.quote(value) + " is not a run id (a UUID such as"
          + " 0190d6b4-8f5e-7c3a-9b1d-2e4f6a8c0b1d)");
    }
    return id;
  }

  public static dev.cairn.proto.v1.RunStatus runStatus(RunStatus status) {
    return dev.cairn.proto.v1.RunStatus.valueOf("RUN_STATUS_" + status.name());
  }

  /** A run status the engine wrote. */
  public static RunStatus runStatus(dev.cairn.proto.v1.RunStatus status) {
    return runStatus("status", status.getNumber());
  }

  /**
   * A run status from a caller, by its number.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming {@code field} for UNSPECIFIED or a number the
   *     enum does not define
   */
  public static RunStatus runStatus(String field, int number) {
    dev.cairn.proto.v1.RunStatus status = dev.cairn.proto.v1.RunStatus.forNumber(number);
    if (status == null || status == dev.cairn.proto.v1.RunStatus.RUN_STATUS_UNSPECIFIED) {
      throw new IllegalArgumentException(field + " is " + (status == null ? "the unknown number " + number : status.name())
          + "; a run status is RUN_STATUS_QUEUED, _RUNNING, _SUCCEEDED, _FAILED or _CANCELLED");
    }
    return RunStatus.valueOf(status.name().substring("RUN_STATUS_".length()));
  }

  public static Run run(RunView view) {
    Run.Builder run = Run.newBuilder()
        .setId(view.id().toString())
        .setWorkflowName(view.workflowName())
        .setStatus(runStatus(view.status()))
        .putAllMetadata(view.metadata())
        .setError(nullToEmpty(view.error()))
        .setCreatedAt(timestamp(view.createdAt()))
        .setTerminalStep(nullToEmpty(view.terminalStep()));
    if (view.startedAt() != null) {
      run.setStartedAt(timestamp(view.startedAt()));
    }
    if (view.finishedAt() != null) {
      run.setFinishedAt(timestamp(view.finishedAt()));
    }
    if (view.startAt() != null) {
      run.setStartAt(timestamp(view.startAt()));
    }
    for (StepView step : view.steps()) {
      run.addSteps(step(step));
    }
    return run.build();
  }

  public static Run run(RunSummary summary) {
    Run.Builder run = Run.newBuilder()
        .setId(summary.id().toString())
        .setWorkflowName(summary.workflowName())
        .setStatus(runStatus(summary.status()))
        .putAllMetadata(summary.metadata())
        .setError(nullToEmpty(summary.error()))
        .setCreatedAt(timestamp(summary.createdAt()))
        .setParentRunId(summary.parentRunId() == null ? "" : summary.parentRunId().toString());
    if (summary.startedAt() != null) {
      run.setStartedAt(timestamp(summary.startedAt()));
    }
    if (summary.finishedAt() != null) {
      run.setFinishedAt(timestamp(summary.finishedAt()));
    }
    if (summary.startAt() != null) {
      run.setStartAt(timestamp(summary.startAt()));
    }
    return run.build();
  }

  private static Step step(StepView view) {
    Step.Builder step = Step.newBuilder()
        .setName(view.name())
        .setStatus(StepStatus.valueOf("STEP_STATUS_" + view.status().name()))
        .setAttempts(view.attempts())
        .setFailures(view.failures())
        .setWorkerId(nullToEmpty(view.workerId()))
        .setOutputJson(nullToEmpty(view.outputJson()))
        .setError(nullToEmpty(view.error()))
        .setBlockedReason(nullToEmpty(view.blockedReason()));
    if (view.queuedAt() != null) {
      step.setQueuedAt(timestamp(view.queuedAt()));
    }
    if (view.startedAt() != null) {
      step.setStartedAt(timestamp(view.startedAt()));
    }
    if (view.finishedAt() != null) {
      step.setFinishedAt(timestamp(view.finishedAt()));
    }
    return step.build();
  }

  public static dev.cairn.proto.v1.RunEvent event(RunEvent event) {
    return dev.cairn.proto.v1.RunEvent.newBuilder()
        .setRunId(event.runId().toString())
        .setSeq(event.seq())
        .setType(event.type())
        .setStepName(nullToEmpty(event.stepName()))
        .setAttempt(event.attempt() == null ? 0 : event.attempt())
        .setPayloadJson(nullToEmpty(event.payloadJson()))
        .setCreatedAt(timestamp(event.createdAt()))
        .build();
  }

  public static RunEvent event(dev.cairn.proto.v1.RunEvent event) {
    return new RunEvent(UUID.fromString(event.getRunId()), event.getSeq(), event.getType(),
        emptyToNull(event.getStepName()), event.getAttempt() == 0 ? null : event.getAttempt(),
        emptyToNull(event.getPayloadJson()), instant(event.getCreatedAt()));
  }

  /** An attempt as the engine sent it to a worker (trusted, no holder: the engine knows the worker's session). */
  public static AttemptId attempt(AttemptRef proto) {
    return new AttemptId(proto.getStepId(), UUID.fromString(proto.getRunId()), proto.getAttempt(),
        null);
  }

  public static AttemptRef attempt(AttemptId ref) {
    return AttemptRef.newBuilder().setStepId(ref.stepId()).setAttempt(ref.attempt())
        .setRunId(ref.runId().toString()).build();
  }

  public static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  public static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
