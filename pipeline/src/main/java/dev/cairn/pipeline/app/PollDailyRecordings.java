package dev.cairn.pipeline.app;

import dev.cairn.Step;
import dev.cairn.Workflow;
import java.util.List;

/** The Daily poller as a workflow, started by its schedule ({@link DailyMaintenance#applySchedules}). */
@Workflow(name = DailyMaintenance.POLL)
public final class PollDailyRecordings {
  private final DailyMaintenance maintenance;

  public PollDailyRecordings(DailyMaintenance maintenance) {
    this.maintenance = maintenance;
  }

  /** The ids of the recordings it ingested (each started its pipeline run). */
  @Step(timeout = "2m")
  public List<String> poll() {
    return maintenance.poll();
  }
}
