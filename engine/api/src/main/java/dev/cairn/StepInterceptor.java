package dev.cairn;

/**
 * Wraps the execution of step bodies: each attempt's call goes through the installed interceptors in order, then
 * to the step method. Used for cross-cutting work (tracing, logging context) and by the test kit to stub steps.
 * Installed explicitly on the engine's or the worker's builder; nothing is discovered. Implementations must be
 * thread-safe: attempts run on many threads at once.
 */
@FunctionalInterface
public interface StepInterceptor {
  /**
   * Runs the step (by {@link Invocation#proceed()}) or replaces it. What it returns is the step's output; what it
   * throws is the step's failure.
   */
  Object intercept(Invocation invocation) throws Exception;

  /** One attempt's call of a step method. */
  interface Invocation {
    String workflowName();

    String stepName();

    /** The attempt's context (run id, attempt number, metadata, durable operations). */
    StepContext context();

    /** The run input decoded as the step's input parameter type, or null when the step takes none. */
    Object input();

    /** Calls the next interceptor, or the step method itself. */
    Object proceed() throws Exception;
  }
}
