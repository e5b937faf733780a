package dev.cairn;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A triggered run: its id and ways to wait for it, typed by the output the caller expects. Works the same on an
 * embedded engine and on a client. Immutable and thread-safe.
 *
 * @param <O> the run's output type ({@code Object} when triggered by name: the output is read as generic JSON)
 */
public final class RunHandle<O> {
  private final UUID id;
  private final Runs runs;
  private final Class<O> outputType;

  /** Made by a {@link Runs} implementation. */
  public RunHandle(UUID id, Runs runs, Class<O> outputType) {
    this.id = Objects.requireNonNull(id, "id");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.outputType = Objects.requireNonNull(outputType, "outputType");
  }

  public UUID id() {
    return id;
  }

  /** Waits until the run is final and returns it (whatever its status). */
  public RunView await(Duration timeout) {
    return runs.await(id, timeout);
  }

  /**
   * Waits for the run and returns its output.
   *
   * @throws RunFailedException if the run failed or was cancelled
   */
  public O result(Duration timeout) {
    return runs.result(id, outputType, timeout);
  }

  /** Waits for the run and returns its output as {@code type}. */
  public <T> T result(Class<T> type, Duration timeout) {
    return runs.result(id, type, timeout);
  }

  /** The run as it is now. */
  public RunView get() {
    return runs.getRun(id);
  }

  /** Events of the run after {@code afterSeq}, at most {@code limit}. */
  public List<RunEvent> events(long afterSeq, int limit) {
    return runs.events(id, afterSeq, limit);
  }

  public CancelResult cancel() {
    return runs.cancel(id);
  }

  @Override
  public String toString() {
    return "run " + id;
  }
}
