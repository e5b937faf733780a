package dev.cairn.testkit;

import dev.cairn.RunEvent;
import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.RunView;
import dev.cairn.StepStatus;
import dev.cairn.StepView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on a run: its status, its output, each step's status, attempts and output, and its events.
 *
 * <pre>{@code
 * RunAssert.assertThat(handle).succeeded().result(Shipment.class, expected)
 *     .step("charge").succeeded().attempts(3).and()
 *     .hasEvent("STEP_RETRYING");
 * }</pre>
 *
 * A failed assertion says what was expected and shows the run (status, error, steps).
 */
public final class RunAssert {
  private static final int EVENT_PAGE = 1000;
  private final RunView run;
  private final Supplier<List<RunEvent>> events;

  private RunAssert(RunView run, Supplier<List<RunEvent>> events) {
    this.run = run;
    this.events = events;
  }

  /** Assertions on the run as it is now (read once); event assertions read its whole log. */
  public static RunAssert assertThat(RunHandle<?> handle) {
    Objects.requireNonNull(handle, "handle");
    return new RunAssert(handle.get(), () -> allEvents(handle));
  }

  /** Assertions on a run view; event assertions are not available (use the handle). */
  public static RunAssert assertThat(RunView run) {
    Objects.requireNonNull(run, "run");
    return new RunAssert(run, null);
  }

  public RunAssert hasStatus(RunStatus expected) {
    if (run.status() != expected) {
      throw failure("status " + expected, run.status());
    }
    return this;
  }

  public RunAssert succeeded() {
    return hasStatus(RunStatus.SUCCEEDED);
  }

  public RunAssert failed() {
    return hasStatus(RunStatus.FAILED);
  }

  public RunAssert cancelled() {
    return hasStatus(RunStatus.CANCELLED);
  }

  /** The run failed with an error containing {@code fragment}. */
  public RunAssert failedWith(String fragment) {
    failed();
    if (run.error() == null || !run.error().contains(fragment)) {
      throw failure("an error containing \"" + fragment + "\"", run.error());
    }
    return this;
  }

  /** The run's result (its terminal step's output) read as {@code type} equals {@code expected}. */
  public <T> RunAssert result(Class<T> type, T expected) {
    T actual = run.result(type);
    if (!Objects.equals(expected, actual)) {
      throw failure("result " + expected, actual);
    }
    return this;
  }

  /** The run's result read as {@code type} passes {@code check} (which throws an AssertionError if not). */
  public <T> RunAssert resultSatisfies(Class<T> type, Consumer<T> check) {
    check.accept(run.result(type));
    return this;
  }

  /** Assertions on one step of the run. */
  public StepAssert step(String name) {
    StepView step = run.step(name).orElseThrow(() -> failure("a step named " + name, "steps "
        + run.steps().stream().map(StepView::name).toList()));
    return new StepAssert(step);
  }

  /** The run's log holds an event of {@code type}. */
  public RunAssert hasEvent(String type) {
    if (eventsOf(type).isEmpty()) {
      throw failure("an event " + type, "events " + events().stream().map(RunEvent::type).toList());
    }
    return this;
  }

  /** The run's log holds {@code count} events of {@code type}. */
  public RunAssert hasEvents(String type, int count) {
    int actual = eventsOf(type).size();
    if (actual != count) {
      throw failure(count + " events " + type, actual);
    }
    return this;
  }

  /** The run's events of {@code type}, in order, for further checks. */
  public List<RunEvent> eventsOf(String type) {
    return events().stream().filter(event -> event.type().equals(type)).toList();
  }

  private List<RunEvent> events() {
    if (events == null) {
      throw new IllegalStateException("event assertions need the run's handle: RunAssert.assertThat(handle)");
    }
    return events.get();
  }

  private static List<RunEvent> allEvents(RunHandle<?> handle) {
    List<RunEvent> all = new ArrayList<>();
    for (long after = 0; ; ) {
      List<RunEvent> page = handle.events(after, EVENT_PAGE);
      all.addAll(page);
      if (page.size() < EVENT_PAGE) {
        return all;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  private AssertionFailedError failure(String expected, Object actual) {
    return new AssertionFailedError("expected " + expected + " but was " + actual + "\n" + describe(), expected,
        actual);
  }

  private String describe() {
    StringBuilder text = new StringBuilder("run ").append(run.id()).append(" of ").append(run.workflowName())
        .append(": ").append(run.status());
    if (run.error() != null) {
      text.append(" (").append(run.error()).append(')');
    }
    for (StepView step : run.steps()) {
      text.append("\n  step ").append(step.name()).append(": ").append(step.status()).append(", attempts ")
          .append(step.attempts()).append(", failures ").append(step.failures());
      if (step.error() != null) {
        text.append(", error ").append(step.error());
      }
    }
    return text.toString();
  }

  /** Assertions on one step; {@link #and()} goes back to the run. */
  public final class StepAssert {
    private final StepView step;

    private StepAssert(StepView step) {
      this.step = step;
    }

    public StepAssert hasStatus(StepStatus expected) {
      if (step.status() != expected) {
        throw failure("step " + step.name() + " " + expected, step.status());
      }
      return this;
    }

    public StepAssert succeeded() {
      return hasStatus(StepStatus.SUCCEEDED);
    }

    public StepAssert failed() {
      return hasStatus(StepStatus.FAILED);
    }

    public StepAssert skipped() {
      return hasStatus(StepStatus.SKIPPED);
    }

    /** The step took {@code expected} attempts (leases), retries included. */
    public StepAssert attempts(int expected) {
      if (step.attempts() != expected) {
        throw failure("step " + step.name() + " with " + expected + " attempts", step.attempts());
      }
      return this;
    }

    /** The step's body failed {@code expected} times. */
    public StepAssert failures(int expected) {
      if (step.failures() != expected) {
        throw failure("step " + step.name() + " with " + expected + " failures", step.failures());
      }
      return this;
    }

    /** The step's checkpointed output read as {@code type} equals {@code expected}. */
    public <T> StepAssert output(Class<T> type, T expected) {
      T actual = run.output(step.name(), type);
      if (!Objects.equals(expected, actual)) {
        throw failure("step " + step.name() + " output " + expected, actual);
      }
      return this;
    }

    /** The step's last error contains {@code fragment}. */
    public StepAssert errorContains(String fragment) {
      if (step.error() == null || !step.error().contains(fragment)) {
        throw failure("step " + step.name() + " error containing \"" + fragment + "\"", step.error());
      }
      return this;
    }

    /** Back to the run. */
    public RunAssert and() {
      return RunAssert.this;
    }
  }
}
