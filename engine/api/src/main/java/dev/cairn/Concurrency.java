package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A concurrency limit. On a workflow class it bounds the runs that hold a key at once (a run holds its key from
 * the start of its first step until it is final); on a step method, the attempts of that step running at once.
 * Admission is counted in the database in the same transaction that leases the step, and every way out of
 * running (success, failure, retry, lease expiry, cancel, suspension) gives the unit back; a replay competes
 * again. Several limits may apply to one workflow or step: all must admit.
 *
 * <p>The key is computed once, when the run is triggered, from a template over the run input and metadata:
 * {@code ""} (the default) is one key for all runs (a global cap), {@code "{/customer/id}"} is the value at that
 * JSON pointer of the input, {@code "{meta:tenant}"} the metadata value {@code tenant}; literal text may surround
 * placeholders ({@code "tenant-{meta:tenant}"}). A placeholder that points at nothing fails the trigger.
 *
 * <pre>{@code
 * @Workflow(name = "transcript")
 * @Concurrency(key = "{/transcriptId}", max = 1, strategy = Concurrency.Strategy.CANCEL_IN_PROGRESS)
 * class TranscriptPipeline { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(Concurrency.List.class)
public @interface Concurrency {
  /** The key template; see the class documentation. Default: one key for every run. */
  String key() default "";

  /** How many runs (on a workflow) or attempts (on a step) may hold one key at once; at least 1. */
  int max();

  /** What happens when a key is full. Steps support only {@link Strategy#GROUP_ROUND_ROBIN}. */
  Strategy strategy() default Strategy.GROUP_ROUND_ROBIN;

  /** What a full key does with a newcomer. */
  enum Strategy {
    /** The newcomer waits (queued, holding no slot); waiting keys are served in turn, so none starves. */
    GROUP_ROUND_ROBIN,
    /** The newcomer is admitted as the key's oldest runs are cancelled (their reason names the newer run). */
    CANCEL_IN_PROGRESS,
    /** The newcomer is cancelled at once (its reason names the key). */
    CANCEL_NEWEST
  }

  /** The container of repeated {@link Concurrency} declarations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  @interface List {
    Concurrency[] value();
  }
}
