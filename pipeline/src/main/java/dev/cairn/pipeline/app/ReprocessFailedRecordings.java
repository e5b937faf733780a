package dev.cairn.pipeline.app;

import dev.cairn.Step;
import dev.cairn.Workflow;
import java.util.List;
import java.util.UUID;

/** The nightly reprocess as a workflow, started by its schedule ({@link DailyMaintenance#applySchedules}). */
@Workflow(name = DailyMaintenance.REPROCESS)
public final class ReprocessFailedRecordings {
  private final DailyMaintenance maintenance;

  public ReprocessFailedRecordings(DailyMaintenance maintenance) {
    this.maintenance = maintenance;
  }

  /** The pipeline runs it started. */
  @Step(timeout = "5m")
  public List<UUID> reprocess() {
    return maintenance.reprocessFailed();
  }
}
