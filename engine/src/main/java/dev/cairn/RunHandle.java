package dev.cairn;

import java.time.Duration;
import java.util.UUID;

/** A triggered run: its id and ways to wait for it. Immutable and thread-safe. */
public final class RunHandle {
  private final UUID id;
  private final Cairn cairn;

  RunHandle(UUID id, Cairn cairn) {
    this.id = id;
    this.cairn = cairn;
  }

  public UUID id() {
    return id;
  }

  /** Waits until the run is final and returns it (whatever its status). */
  public RunView await(Duration timeout) {
    return cairn.await(id, timeout);
  }

  /**
   * Waits for the run and returns the output of its terminal step as {@code type}.
   *
   * @throws RunFailedException if the run failed or was cancelled
   */
  public <T> T result(Class<T> type, Duration timeout) {
    return cairn.result(id, type, timeout);
  }

  @Override
  public String toString() {
    return "run " + id;
  }
}
