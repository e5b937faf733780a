package dev.cairn.internal.runs;

import dev.cairn.Workflows;
import dev.cairn.db.Notification;
import dev.cairn.db.PauseStore;
import dev.cairn.internal.definition.WorkflowRegistry;
import dev.cairn.internal.validate.Text;
import java.time.Instant;
import java.util.Map;

/**
 * Pausing and resuming workflows: a row per paused workflow, which every claim statement reads (so a pause holds
 * on every node at once, and a resume frees the steps for whichever node looks first). Thread-safe.
 */
public final class WorkflowPauses implements Workflows {
  private final PauseStore pauses;
  private final WorkflowRegistry registry;
  private final Notification wake;
  private final Runnable wakeHere;

  /**
   * @param wake the notification that wakes other nodes' dispatchers on a resume
   * @param wakeHere wakes this node's dispatcher on a resume
   */
  public WorkflowPauses(PauseStore pauses, WorkflowRegistry registry, Notification wake, Runnable wakeHere) {
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
}
