package dev.cairn.internal.execution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.NonRetryableException;
import dev.cairn.StepContext;
import dev.cairn.StepInterceptor;
import dev.cairn.internal.codec.JsonText;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.codec.PayloadException;
import dev.cairn.internal.definition.ParamBinding;
import dev.cairn.internal.validate.Text;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt on the calling thread: binds the parameters, calls the step method through the interceptors,
 * and reports what happened. It decides nothing about retries or time: it says whether a failure is of a retryable
 * kind (the step's declared non-retryable types), and the engine decides whether and when to try again and times
 * the attempt (interrupting it at its deadline). Each attempt that starts has a span and fills the MDC while it runs
 * ({@link AttemptTracing}). Thread-safe and stateless per attempt.
 */
public final class StepRunner {
  private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
  /** Longest failure text reported for an attempt. */
  static final int MAX_ERROR = 10_000;
  /** Longest failure text in an attempt span's status (the exception event on the span has the rest). */
  private static final int MAX_SPAN_STATUS = 1_000;

  private final AttemptReports reports;
  private final PayloadCodec codec;
  private final Composition composition;
  private final List<StepInterceptor> interceptors;
  private final Supplier<Instant> now;
  private final AttemptTracing tracing;

  /**
   * @param now the time lease expiries are compared with: the engine's clock in the engine, the system clock in a
   *     remote worker (whose leases the engine states in its own time)
   */
  public StepRunner(AttemptReports reports, PayloadCodec codec, Composition composition,
      List<StepInterceptor> interceptors, Supplier<Instant> now, AttemptTracing tracing) {
    this.tracing = tracing;
    this.reports = reports;
    this.codec = codec;
    this.composition = composition;
    this.interceptors = List.copyOf(interceptors);
    this.now = now;
  }

  /** Runs the attempt unless it was taken away (or its lease ran out) before it could start. */
  public void run(Attempt attempt) {
    if (attempt.isReported()) {
      log.info("{} was cancelled before it started; not running it", attempt);
      return;
    }
    attempt.bindThread(Thread.currentThread());
    try (AttemptTracing.AttemptScope traced = tracing.enter(attempt.assigned())) {
      try {
        refuseIfLate(attempt);
        String output = encode(new Call(attempt).proceed());
        traced.ended("succeeded");
        if (attempt.claimReport()) {
          reports.succeeded(attempt, output);
        }
      } catch (NotStarting refused) {
        traced.ended("not_started");
        if (refused.reportIt) {
          log.warn("{} would start after its lease ran out; not running it (handing it back to the engine)", attempt);
          reports.notStarted(attempt); // refuseIfLate claimed the report: else the engine would renew its lease forever
        } else {
          log.info("{} was taken away before its body started; not running it", attempt);
        }
      } catch (StepSuspended suspended) {
        traced.ended("suspended");
        if (attempt.claimReport()) {
          reports.suspended(attempt, suspended.suspension());
        }
      } catch (Throwable error) {
        String described = Text.sanitize(describe(error), MAX_ERROR);
        traced.failed(error, Text.sanitize(described, MAX_SPAN_STATUS));
        if (attempt.claimReport()) {
          boolean retryable = !(error instanceof PayloadException) && attempt.step().retryPolicy().isRetryable(error);
          reports.failed(attempt, described, retryable);
        }
      }
    } finally {
      attempt.bindThread(null);
      Thread.interrupted();
    }
  }

  private String encode(Object value) {
    try {
      return JsonText.checkWritten("the step's output", codec.encode(value));
    } catch (IllegalArgumentException unstorable) {
      throw new NonRetryableException(unstorable.getMessage());
    }
  }

  /** One attempt's call of its step method, through the interceptors in order. */
  private final class Call implements StepInterceptor.Invocation {
    private final Attempt attempt;
    private final StepContext context;
    private final Object[] arguments;
    private final Object input;
    private int next;

    Call(Attempt attempt) {
      this.attempt = attempt;
      this.context = new RealStepContext(attempt, reports, codec, composition);
      this.arguments = bind(attempt, context);
      this.input = inputOf(attempt, arguments);
    }

    @Override
    public String workflowName() {
      return attempt.assigned().workflowName();
    }

    @Override
    public String stepName() {
      return attempt.assigned().stepName();
    }

    @Override
    public StepContext context() {
      return context;
    }

    @Override
    public Object input() {
      return input;
    }

    @Override
    public Object proceed() throws Exception {
      if (next < interceptors.size()) {
        return interceptors.get(next++).intercept(this);
      }
      // Again at the last moment: binding the arguments and the interceptors take time, and a process frozen (or
      // starved) in between must not start a body whose lease ran out while it stood still.
      refuseIfLate(attempt);
      try {
        return attempt.step().method().invoke(attempt.workflow().instance(), arguments);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
          throw exception;
        }
        throw (Error) cause;
      }
    }
  }

  private Object[] bind(Attempt attempt, StepContext context) {
    List<ParamBinding> bindings = attempt.step().bindings();
    Object[] arguments = new Object[bindings.size()];
    Map<String, JsonNode> parents = null;
    for (int i = 0; i < arguments.length; i++) {
      ParamBinding binding = bindings.get(i);
      if (binding instanceof ParamBinding.Context) {
        arguments[i] = context;
      } else if (binding instanceof ParamBinding.Input in) {
        arguments[i] = codec.decode(attempt.assigned().inputJson(), in.type());
      } else if (binding instanceof ParamBinding.ParentOutput parent) {
        if (parents == null) {
          parents = codec.decode(attempt.assigned().parentOutputsJson(),
              codec.mapper().getTypeFactory().constructMapType(Map.class, String.class, JsonNode.class));
        }
        JsonNode output = parents == null ? null : parents.get(parent.parent());
        arguments[i] = codec.decode(output == null ? null : output.toString(), parent.type());
      }
    }
    return arguments;
  }

  private static Object inputOf(Attempt attempt, Object[] arguments) {
    List<ParamBinding> bindings = attempt.step().bindings();
    for (int i = 0; i < bindings.size(); i++) {
      if (bindings.get(i) instanceof ParamBinding.Input) {
        return arguments[i];
      }
    }
    return null;
  }

  /** The error as stored: its type and message, and up to three causes. */
  public static String describe(Throwable error) {
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

  /**
   * Refuses to go on with an attempt that was taken away or whose lease ran out (e.g. this process was paused while
   * it waited for a slot or bound its arguments, and the engine's cancellation arrived with the late assignment): the
   * step may have been given to another worker and even finished there, and starting it now could repeat a finished
   * step's side effects. One whose lease ran out is reported as not started, so the engine stops renewing its lease
   * and gives the step out again (fenced: a no-op if the step was already taken back).
   */
  private void refuseIfLate(Attempt attempt) {
    if (attempt.isReported()) {
      // Taken away (cancelled, its lease lost) between the first look and now: whoever took it reported it. A
      // cancellation that arrives with a late assignment is seen here, so the late body does not start either.
      throw new NotStarting(false);
    }
    if (attempt.tooLateToStart(now.get())) {
      throw new NotStarting(attempt.claimReport());
    }
  }

  /** The body must not start: its lease ran out, or the attempt was taken away, before the method was called. */
  private static final class NotStarting extends RuntimeException {
    /** Whether this runner claimed the report (it then reports the attempt as not started). */
    final boolean reportIt;

    NotStarting(boolean reportIt) {
      super("the attempt may not start its body", null, false, false);
      this.reportIt = reportIt;
    }
  }
}
