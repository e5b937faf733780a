package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method of a {@link Workflow} class as a step. Its return value is the step's checkpointed output,
 * stored as JSON and handed to the steps that name it as a parent.
 *
 * <p>Parameters are bound by kind: a {@link StepContext} parameter gets the context; a parameter annotated
 * {@link Parent} gets that parent's output as its declared type; at most one other parameter gets the run
 * input as its declared type.
 *
 * <p>Durations are written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT30S}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {
  /** The step's name; default: the method name. Letters, digits, '_', '-', '.'. */
  String name() default "";

  /**
   * Names of further steps whose success this step waits for (the DAG's edges) without reading their output; the
   * steps named by its {@link Parent} parameters are parents already. Default: none beyond those.
   */
  String[] parents() default {};

  /** Execution timeout of one attempt; the attempt is interrupted and counts as failed. Default 10 minutes. */
  String timeout() default "10m";

  /** How long the step may wait in the queue for a free slot before it fails as timed out. Empty: forever. */
  String scheduleTimeout() default "";

  /** Retries after the first failed attempt (so {@code retries = 3} allows 4 attempts). Default 0. */
  int retries() default 0;

  /** Delay before the first retry. Default 1 second. */
  String backoff() default "1s";

  /** Factor applied to the delay after each further failure. Default 2. */
  double backoffFactor() default 2.0;

  /** Upper bound of the delay between attempts. Default 1 minute. */
  String maxBackoff() default "1m";

  /** Random spread of each delay, as a fraction of it (0.2 means ±20%). Default 0.2. */
  double jitter() default 0.2;

  /**
   * Exceptions that fail the step at once, without retries, besides {@link NonRetryableException} and its
   * subclasses. Subclasses of a listed type are matched too.
   */
  Class<? extends Throwable>[] nonRetryable() default {};
}
