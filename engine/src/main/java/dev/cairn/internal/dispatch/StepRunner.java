package dev.cairn.internal.dispatch;

import dev.cairn.CairnListener;
import dev.cairn.StepTimeoutException;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.NonRetryableException;
import dev.cairn.internal.codec.PayloadException;
import dev.cairn.internal.validate.JsonText;
import dev.cairn.internal.validate.Text;
import dev.cairn.internal.completion.OutcomeSink;
import dev.cairn.internal.completion.StepOutcome;
import dev.cairn.internal.composition.Composition;
import dev.cairn.internal.composition.StepSuspended;
import dev.cairn.internal.definition.ParamBinding;
import dev.cairn.internal.definition.RetryPolicy;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt on the calling thread: binds the parameters, invokes the step method under its execution
 * deadline, and reports the outcome to the {@link Completer}. Thread-safe and stateless per attempt.
 */
final class StepRunner {
  private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
  /** Longest failure text stored for an attempt. */
  static final int MAX_ERROR = 10_000;

  private final OutcomeSink completer;
  private final PayloadCodec codec;
  private final AttemptTimer timer;
  private final DoubleSupplier jitter;
  private final CairnListener listener;
  private final Composition composition;

  StepRunner(OutcomeSink completer, PayloadCodec codec, java.util.concurrent.ScheduledExecutorService scheduler,
      DoubleSupplier jitter, CairnListener listener, Composition composition) {
    this.completer = completer;
    this.composition = composition;
    this.codec = codec;
    this.timer = new AttemptTimer(scheduler, this::timedOut);
    this.jitter = jitter;
    this.listener = listener;
  }

  void run(Attempt attempt) {
    if (attempt.isReported()) {
      // Cancelled (or timed out, or its lease lost) before a slot took it: it must not start at all.
      log.info("{} was cancelled before it started; not running it", attempt);
      return;
    }
    if (attempt.tooLateToStart(Instant.now()) && attempt.claimReport()) {
      // The lease ran out while the assignment waited (e.g. this process was paused): the step may have been given
      // to another worker and even finished there. Starting it now could repeat a finished step's side effects.
      log.warn("{} reached a slot after its lease ran out; not running it (the engine gives it out again)", attempt);
      return;
    }
    attempt.bindThread(Thread.currentThread());
    timer.start(attempt, attempt.step.timeout());
    try {
      Object[] arguments = bind(attempt);
      Object value = attempt.step.method().invoke(attempt.workflow.instance(), arguments);
      String output;
      try {
        output = JsonText.checkWritten("the step's output", codec.encode(value));
      } catch (IllegalArgumentException unstorable) {
        throw new NonRetryableException(unstorable.getMessage());
      }
      succeeded(attempt, output);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof StepSuspended suspended) {
        suspend(attempt, suspended);
      } else {
        failed(attempt, e.getCause());
      }
    } catch (PayloadException e) {
      failed(attempt, new dev.cairn.NonRetryableException(e.getMessage(), e));
    } catch (Throwable e) {
      failed(attempt, e);
    } finally {
      timer.cancel(attempt);
      attempt.bindThread(null);
      Thread.interrupted();
    }
  }

  private Object[] bind(Attempt attempt) {
    List<ParamBinding> bindings = attempt.step.bindings();
    Object[] arguments = new Object[bindings.size()];
    Map<String, com.fasterxml.jackson.databind.JsonNode> parents = null;
    for (int i = 0; i < arguments.length; i++) {
      ParamBinding binding = bindings.get(i);
      if (binding instanceof ParamBinding.Context) {
        arguments[i] = new RealStepContext(attempt, completer, timer, codec, composition);
      } else if (binding instanceof ParamBinding.Input input) {
        arguments[i] = codec.decode(attempt.claimed.inputJson(), input.type());
      } else if (binding instanceof ParamBinding.ParentOutput parent) {
        if (parents == null) {
          parents = codec.decode(attempt.claimed.parentOutputsJson(),
              codec.mapper().getTypeFactory().constructMapType(Map.class, String.class,
                  com.fasterxml.jackson.databind.JsonNode.class));
        }
        com.fasterxml.jackson.databind.JsonNode output = parents == null ? null : parents.get(parent.parent());
        arguments[i] = codec.decode(output == null ? null : output.toString(), parent.type());
      }
    }
    return arguments;
  }

  private void succeeded(Attempt attempt, String outputJson) {
    if (!attempt.claimReport()) {
      return;
    }
    Duration ranFor = Duration.ofNanos(System.nanoTime() - attempt.startedNanos);
    completer.submit(new StepOutcome.Succeeded(attempt.ref(), outputJson)).whenComplete((accepted, error) -> {
      if (error != null) {
        // PostgreSQL refused the output itself (e.g. a \u0000 in a string): the step cannot succeed with it.
        completer.submit(new StepOutcome.Failed(attempt.ref(), "output cannot be stored: " + error.getMessage(),
            false, null));
      } else if (accepted) {
        listener.stepSucceeded(attempt.claimed.workflowName(), attempt.claimed.stepName(), ranFor);
      } else {
        log.info("result of {} refused: the attempt was superseded", attempt);
      }
    });
  }

  private void suspend(Attempt attempt, StepSuspended suspended) {
    if (attempt.claimReport()) {
      completer.submit(new StepOutcome.Suspended(attempt.ref(), suspended.suspension()));
    }
  }

  private void failed(Attempt attempt, Throwable error) {
    if (!attempt.claimReport()) {
      return;
    }
    report(attempt, error, false);
  }

  private void timedOut(Attempt attempt) {
    if (!attempt.claimReport()) {
      return;
    }
    long seconds = Duration.ofNanos(System.nanoTime() - attempt.startedNanos).toMillis();
    report(attempt, new StepTimeoutException("timed out after " + seconds + " ms"), true);
    attempt.interrupt();
  }

  private void report(Attempt attempt, Throwable error, boolean timedOut) {
    RetryPolicy policy = attempt.step.retryPolicy();
    int failures = attempt.claimed.failures() + 1;
    boolean retry = policy.retries(error, failures);
    Long delay = retry ? policy.delayAfter(failures, jitter.getAsDouble()).toMillis() : null;
    // The text is stored: U+0000 (which PostgreSQL refuses) is dropped and a huge message is cut.
    String description = Text.sanitize(describe(error), MAX_ERROR);
    log.info("{} failed{}: {}", attempt, retry ? ", retrying in " + delay + " ms" : " for good", description);
    listener.stepFailed(attempt.claimed.workflowName(), attempt.claimed.stepName(),
        Duration.ofNanos(System.nanoTime() - attempt.startedNanos), retry);
    completer.submit(new StepOutcome.Failed(attempt.ref(), description, timedOut, delay));
  }

  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder(error.getClass().getName());
    if (error.getMessage() != null) {
      text.append(": ").append(error.getMessage());
    }
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && cause != error && depth < 3; depth++) {
      text.append("; caused by ").append(cause.getClass().getName());
      if (cause.getMessage() != null) {
        text.append(": ").append(cause.getMessage());
      }
      cause = cause.getCause();
    }
    return text.toString();
  }
}
