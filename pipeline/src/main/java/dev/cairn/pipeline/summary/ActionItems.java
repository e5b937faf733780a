package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Decisions and next steps (upstream §6.6); participant ids are filled in when a name matches exactly. */
public record ActionItems(List<Decision> decisions, @JsonProperty("next_steps") List<NextStep> nextSteps) {
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Decision(String decision, String rationale, @JsonProperty("decided_by") String decidedBy,
      @JsonProperty("decided_by_participant_id") String decidedByParticipantId) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record NextStep(String task, @JsonProperty("assigned_to") String assignedTo,
      @JsonProperty("assigned_to_participant_id") String assignedToParticipantId, String deadline, String context) {}

  public static ActionItems none() {
    return new ActionItems(List.of(), List.of());
  }
}
