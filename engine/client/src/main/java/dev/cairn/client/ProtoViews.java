package dev.cairn.client;

import dev.cairn.RunStatus;
import dev.cairn.RunSummary;
import dev.cairn.RunView;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.Run;
import dev.cairn.proto.v1.Step;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the engine's run messages into the public views. Stateless. */
final class ProtoViews {
  private ProtoViews() {}

  static RunView view(Run run, PayloadCodec codec) {
    List<StepView> steps = new ArrayList<>();
    for (Step step : run.getStepsList()) {
      steps.add(new StepView(step.getName(), StepStatus.valueOf(step.getStatus().name().substring(12)),
          step.getAttempts(), step.getFailures(), ProtoMapping.emptyToNull(step.getWorkerId()),
          step.hasQueuedAt() ? ProtoMapping.instant(step.getQueuedAt()) : null,
          step.hasStartedAt() ? ProtoMapping.instant(step.getStartedAt()) : null,
          step.hasFinishedAt() ? ProtoMapping.instant(step.getFinishedAt()) : null,
          ProtoMapping.emptyToNull(step.getOutputJson()), ProtoMapping.emptyToNull(step.getError()),
          ProtoMapping.emptyToNull(step.getBlockedReason())));
    }
    return new RunView(UUID.fromString(run.getId()), run.getWorkflowName(), status(run), run.getMetadataMap(),
        ProtoMapping.emptyToNull(run.getError()), ProtoMapping.instant(run.getCreatedAt()),
        run.hasStartedAt() ? ProtoMapping.instant(run.getStartedAt()) : null,
        run.hasFinishedAt() ? ProtoMapping.instant(run.getFinishedAt()) : null,
        run.hasStartAt() ? ProtoMapping.instant(run.getStartAt()) : null, steps,
        ProtoMapping.emptyToNull(run.getTerminalStep()), new RunView.OutputDecoder() {
          @Override
          public <T> T decode(String json, Type type) {
            return codec.decode(json, type);
          }
        });
  }

  static RunSummary summary(Run run) {
    return new RunSummary(UUID.fromString(run.getId()), run.getWorkflowName(), status(run), run.getMetadataMap(),
        ProtoMapping.emptyToNull(run.getError()), ProtoMapping.instant(run.getCreatedAt()),
        run.hasStartedAt() ? ProtoMapping.instant(run.getStartedAt()) : null,
        run.hasFinishedAt() ? ProtoMapping.instant(run.getFinishedAt()) : null,
        run.getParentRunId().isEmpty() ? null : UUID.fromString(run.getParentRunId()),
        run.hasStartAt() ? ProtoMapping.instant(run.getStartAt()) : null);
  }

  private static RunStatus status(Run run) {
    return ProtoMapping.runStatus(run.getStatus());
  }
}
