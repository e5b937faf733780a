package dev.cairn.internal.completion;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Where a step runner reports outcomes: the node's {@link Completer} when steps run on the engine, the stream to
 * the engine when they run on a remote worker. The future completes with whether the outcome was accepted.
 */
public interface OutcomeSink {
  default CompletableFuture<Boolean> submit(StepOutcome outcome) {
    return submit(outcome, (accepted, error) -> { });
  }

  /**
   * Like {@link #submit(StepOutcome)}, with {@code whenWritten} run as soon as the outcome is written or refused:
   * before whoever waits for the run is told, which a callback added to the returned future could miss (the
   * outcome may be written before the caller gets to add it).
   */
  CompletableFuture<Boolean> submit(StepOutcome outcome, BiConsumer<Boolean, Throwable> whenWritten);

  /**
   * Like {@link #submit(StepOutcome, BiConsumer)}, but the outcome may be written on the calling thread, which then
   * waits for the commit: for a thread that has nothing else to do meanwhile (a slot whose step just returned).
   */
  default CompletableFuture<Boolean> submitHere(StepOutcome outcome, BiConsumer<Boolean, Throwable> whenWritten) {
    return submit(outcome, whenWritten);
  }
}
