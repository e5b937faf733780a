package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A label a step wants of the worker that runs it. Workers (remote ones and the embedded engine itself) carry
 * labels such as {@code pool=cpu-heavy} or {@code memory_gb=16}. A <b>required</b> label is a filter: the step is
 * never given to a worker without it, and waits queued, showing why, while no connected worker has it. A
 * <b>preferred</b> label ranks workers: a worker that matches fewer preferred weight than the best connected one
 * gets the step only after it has waited a short grace period.
 *
 * <pre>{@code
 * @Step
 * @WorkerLabel(key = "pool", value = "cpu-heavy")
 * @WorkerLabel(key = "memory_gb", value = "8", comparator = WorkerLabel.Comparator.GREATER_THAN_OR_EQUAL)
 * Mixdown mixdown(...) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(WorkerLabel.List.class)
public @interface WorkerLabel {
  String key();

  String value();

  /** Required (a filter) or preferred (a weight). Default: required. */
  boolean required() default true;

  /** The weight of a preferred label (1..1000). */
  int weight() default 100;

  /** How the worker's label compares with {@link #value()}; the ordering ones need numbers on both sides. */
  Comparator comparator() default Comparator.EQUAL;

  /** A comparison of the worker's label value (left) with the declared value (right). */
  enum Comparator {
    EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL
  }

  /** The container of repeated {@link WorkerLabel} declarations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    WorkerLabel[] value();
  }
}
