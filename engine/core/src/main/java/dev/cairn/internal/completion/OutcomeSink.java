package dev.cairn.internal.completion;

import java.util.concurrent.CompletableFuture;

/**
 * Where a step runner reports outcomes: the node's {@link Completer} when steps run on the engine, the stream to
 * the engine when they run on a remote worker. The future completes with whether the outcome was accepted.
 */
public interface OutcomeSink {
  CompletableFuture<Boolean> submit(StepOutcome outcome);
}
