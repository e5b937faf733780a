package dev.cairn.internal.definition;

import dev.cairn.Workflow;
import java.util.List;

/** A workflow's run-level flow control: its concurrency limits on runs and its sticky assignment. */
public record RunFlow(List<ConcurrencyRule> concurrency, Workflow.Sticky sticky) {
  public static final RunFlow NONE = new RunFlow(List.of(), Workflow.Sticky.NONE);

  public RunFlow {
    concurrency = List.copyOf(concurrency);
  }
}
