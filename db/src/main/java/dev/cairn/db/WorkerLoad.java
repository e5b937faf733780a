package dev.cairn.db;

/**
 * A worker's load at a heartbeat: slots busy, and the attempts it runs as a JSON array of
 * {@code {"run_id", "workflow", "step", "attempt", "started_at"}} (text here).
 */
public record WorkerLoad(int slotsUsed, String runningJson) {
  /** No slot busy, nothing running. */
  public static final WorkerLoad IDLE = new WorkerLoad(0, "[]");
}
