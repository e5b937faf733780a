package dev.cairn.internal.runs;

import dev.cairn.Workflows;
import dev.cairn.db.Notification;
import dev.cairn.db.PauseStore;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.validate.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Operating workflows as a whole. Pausing and resuming: a row per paused workflow, which every claim statement reads
 * (so a pause holds on every node at once, and a resume frees the steps for whichever node looks first). Retention
 * periods: {@link RunRetention}. Thread-safe.
 */
public final class WorkflowControls implements Workflows {
  private final PauseStore pauses;
  private final WorkflowRegistry registry;
  private final Notification wake;
  private final Runnable wakeHere;
  private final RunRetention retention;

  /**
   * @param wake the notification that wakes other nodes' dispatchers on a resume
   * @param wakeHere wakes this node's dispatcher on a resume
   */
  public WorkflowControls(PauseStore pauses, WorkflowRegistry registry, Notification wake, Runnable wakeHere,
      RunRetention retention) {
    this.retention = retention;
    this.pauses = pauses;
    this.registry = registry;
    this.wake = wake;
    this.wakeHere = wakeHere;
  }

  @Override
  public Instant pause(String workflowName) {
    return pauses.workflowPause(registry.get(Text.name("workflowName", workflowName)).name());
  }

  @Override
  public boolean resume(String workflowName) {
    boolean resumed = pauses.workflowResume(Text.name("workflowName", workflowName), wake);
    if (resumed) {
      wakeHere.run();
    }
    return resumed;
  }

  @Override
  public Map<String, Instant> paused() {
    return pauses.workflowListPaused();
  }

  @Override
  public void setRetention(String workflowName, Duration period) {
    retention.set(workflowName, period);
  }

  @Override
  public boolean clearRetention(String workflowName) {
    return retention.clear(workflowName);
  }

  @Override
  public Map<String, Duration> retentions() {
    return retention.periods();
  }
}
