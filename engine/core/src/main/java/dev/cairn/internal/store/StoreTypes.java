package dev.cairn.internal.store;

import dev.cairn.db.AttemptRef;
import dev.cairn.db.ClaimedStep;
import dev.cairn.db.StepOp;
import dev.cairn.db.StepSuspension;
import dev.cairn.internal.execution.AssignedStep;
import dev.cairn.internal.execution.AttemptId;
import dev.cairn.internal.execution.OperationRecord;
import dev.cairn.internal.execution.Wait;

/**
 * Converts between the store's records (the db module's, which know nothing of the engine) and the engine's
 * runtime records (shared with workers, which know nothing of JDBC). Stateless.
 */
public final class StoreTypes {
  private StoreTypes() {}

  public static AttemptRef ref(AttemptId attempt) {
    return new AttemptRef(attempt.stepId(), attempt.runId(), attempt.attempt(), attempt.holder());
  }

  public static AttemptId attempt(AttemptRef ref) {
    return new AttemptId(ref.id(), ref.runId(), ref.attempt(), ref.holder());
  }

  public static StepSuspension suspension(Wait wait) {
    return new StepSuspension(wait.kind(), wait.wakeAt(), wait.runs(), wait.eventKey(), wait.eventSince());
  }

  public static AssignedStep assigned(ClaimedStep step) {
    return new AssignedStep(step.id(), step.runId(), step.workflowName(), step.stepName(), step.attempt(),
        step.failures(), step.queuedAt(), step.startedAt(), step.inputJson(), step.metadataJson(),
        step.parentOutputsJson(), step.traceParent());
  }

  public static OperationRecord operation(StepOp op) {
    return new OperationRecord(op.kind(), op.signature(), op.wakeAt(), op.since(), op.resultJson(), op.dbNow());
  }
}
