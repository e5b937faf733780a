package dev.cairn.internal.definition;

import dev.cairn.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * A workflow's run-level settings: its concurrency limits on runs, its sticky assignment, and the deadline of each
 * whole run ({@code timeout}, null for none; declared by a workflow registered on an engine node).
 */
public record RunFlow(List<ConcurrencyRule> concurrency, Workflow.Sticky sticky, Duration timeout) {
  public static final RunFlow NONE = new RunFlow(List.of(), Workflow.Sticky.NONE, null);

  public RunFlow(List<ConcurrencyRule> concurrency, Workflow.Sticky sticky) {
    this(concurrency, sticky, null);
  }

  public RunFlow {
    concurrency = List.copyOf(concurrency);
  }
}
