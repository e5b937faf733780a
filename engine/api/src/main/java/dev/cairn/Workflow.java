package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as a workflow: its {@link Step} methods form a DAG. The engine calls the methods of the
 * instance registered with {@link Cairn.Builder#register}, so the instance carries its own dependencies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Workflow {
  /** The workflow's name, used to trigger it and stored with every run. Letters, digits, '_', '-', '.'. */
  String name();

  /**
   * A version label of the code, part of the definition fingerprint. Change it when a step's behaviour
   * changes without a change of its signature. Default: empty.
   */
  String version() default "";

  /**
   * Sticky assignment: the steps of a run prefer ({@link Sticky#SOFT}) or require ({@link Sticky#HARD}) the worker
   * that ran the run's first step (its worker id; labels still apply). Default: none.
   */
  Sticky sticky() default Sticky.NONE;

  /**
   * A cron schedule the code declares: a five-field Unix cron expression ("0 5 * * *"), read in {@link #timezone()}.
   * The engine keeps a schedule named after the workflow that starts a run (with null input) at every tick; it can
   * be paused and resumed through {@link Schedules}, and changes only with this annotation. Default: none.
   */
  String cron() default "";

  /** The IANA time zone {@link #cron()} is read in. Default: UTC. */
  String timezone() default "UTC";

  /** What the declared schedule does with ticks missed while no node ran. Default: the latest one runs. */
  ScheduleSpec.MissedTicks missedTicks() default ScheduleSpec.MissedTicks.LATEST;

  /** What a tick of the declared schedule does while its previous run is unfinished. Default: runs anyway. */
  ScheduleSpec.Overlap overlap() default ScheduleSpec.Overlap.ALLOW;

  /**
   * Event keys that start a run of this workflow (its input: the event's payload), one per pushed event (see
   * {@link EventTriggers}); the engine keeps a trigger per key, named {@code <workflow>@<key>}. Default: none.
   */
  String[] onEvents() default {};

  /** A filter on the events of {@link #onEvents()} (see {@link EventTrigger#filter()}). Default: none. */
  String eventFilter() default "";

  /**
   * A deadline for each whole run ("2h", "30m", ISO-8601): a run not final this long after it became due is
   * cancelled, its reason naming the deadline (beside each step's own timeouts). Default: none. A trigger's
   * {@link TriggerOptions.Builder#timeout} overrides it.
   */
  String timeout() default "";

  /**
   * How long finished runs of this workflow are kept before retention deletes them ("30d", "12h", ISO-8601, or
   * "forever"), instead of the engine's default. Declared here, the code owns it: the API cannot change it. Default:
   * the engine's.
   */
  String retention() default "";

  /** How strongly a run's steps stay on the worker of its first step. */
  enum Sticky {
    NONE,
    /** Preferred: another worker takes a step only after it waited a short grace period. */
    SOFT,
    /** Required: only that worker; if it never comes back, the step waits until its schedule timeout. */
    HARD
  }
}
