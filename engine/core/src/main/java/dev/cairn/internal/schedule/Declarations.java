package dev.cairn.internal.schedule;

import dev.cairn.ScheduleSpec;
import dev.cairn.internal.definition.Lifecycle;
import dev.cairn.internal.definition.WorkflowDefinition;
import dev.cairn.internal.runs.EventRouter;
import dev.cairn.internal.runs.RunRetention;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Keeps what workflows' code declares ({@link Lifecycle}: a schedule, event triggers, a retention period) in the
 * database: for the workflows an engine node registers, when it starts, and for those a worker serves, when it
 * registers with the current definition. What a workflow no longer declares is removed; what the API created is
 * never touched. Thread-safe.
 */
public final class Declarations {
  private final ScheduleService schedules;
  private final EventRouter events;
  private final RunRetention retention;

  public Declarations(ScheduleService schedules, EventRouter events, RunRetention retention) {
    this.schedules = schedules;
    this.events = events;
    this.retention = retention;
  }

  /** What a set of workflows declares, checked, ready to apply. */
  public record Declared(List<String> workflows, List<ScheduleSpec> schedules,
      Map<String, EventRouter.Declared> triggers, Map<String, Duration> retentions) {
    /** Only what the named workflows declare (a worker's declarations count for the definitions accepted). */
    public Declared only(Set<String> names) {
      Map<String, EventRouter.Declared> keptTriggers = new LinkedHashMap<>(triggers);
      keptTriggers.keySet().retainAll(names);
      Map<String, Duration> keptRetentions = new LinkedHashMap<>(retentions);
      keptRetentions.keySet().retainAll(names);
      return new Declared(workflows.stream().filter(names::contains).toList(),
          schedules.stream().filter(spec -> names.contains(spec.workflowName())).toList(), keptTriggers,
          keptRetentions);
    }
  }

  /**
   * Checks what the definitions declare: the cron expression parses in its zone, the event filter parses.
   *
   * @param field how a caller names a part of one definition's declaration ({@code "cron"}, {@code "onEvents"},
   *     {@code "eventFilter"}) in its message, given the definition's index
   * @throws IllegalArgumentException naming the definition and field, through {@code field}
   */
  public static Declared check(List<WorkflowDefinition> definitions, Field field) {
    List<String> workflows = new ArrayList<>();
    List<ScheduleSpec> scheduled = new ArrayList<>();
    Map<String, EventRouter.Declared> triggers = new LinkedHashMap<>();
    Map<String, Duration> retentions = new LinkedHashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      WorkflowDefinition definition = definitions.get(i);
      Lifecycle lifecycle = definition.lifecycle();
      workflows.add(definition.name());
      if (lifecycle.cron() != null) {
        UnaryOperator<String> named = field.in(i, "cron");
        try {
          ScheduleSpec spec = ScheduleSpec.builder(definition.name(), definition.name()).cron(lifecycle.cron())
              .timeZone(lifecycle.timeZone()).missedTicks(lifecycle.missedTicks()).overlap(lifecycle.overlap())
              .build();
          CronTicks.parse(spec.cron(), spec.timeZone().getId());
          scheduled.add(spec);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(named.apply(e.getMessage()), e);
        }
      }
      if (lifecycle.eventFilter() != null) {
        try {
          EventRouter.checkedFilter(lifecycle.eventFilter());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(field.in(i, "eventFilter").apply(e.getMessage()), e);
        }
      }
      if (!lifecycle.onEvents().isEmpty()) {
        try {
          triggers.put(definition.name(), new EventRouter.Declared(lifecycle.onEvents(), lifecycle.eventFilter()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(field.in(i, "onEvents").apply(e.getMessage()), e);
        }
      }
      if (lifecycle.retention() != null) {
        retentions.put(definition.name(), lifecycle.retention());
      }
    }
    return new Declared(workflows, scheduled, triggers, retentions);
  }

  /** How a caller's messages name one part of the declaration of the definition at an index. */
  @FunctionalInterface
  public interface Field {
    /** Turns a problem's text into the caller's message, naming the definition at {@code index} and {@code part}. */
    UnaryOperator<String> in(int index, String part);
  }

  /** Writes what {@code declared} says, and removes what its workflows declared before and no longer do. */
  public void apply(Declared declared) {
    List<String> unscheduled = new ArrayList<>(declared.workflows());
    for (ScheduleSpec spec : declared.schedules()) {
      schedules.declare(spec);
      unscheduled.remove(spec.workflowName());
    }
    schedules.undeclare(unscheduled);
    events.declare(declared.triggers(), declared.workflows());
    retention.declare(declared.retentions(), declared.workflows());
  }
}
