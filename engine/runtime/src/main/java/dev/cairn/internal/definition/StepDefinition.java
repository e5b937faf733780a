package dev.cairn.internal.definition;

import com.fasterxml.jackson.databind.JavaType;
import dev.cairn.internal.validate.Ranges;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

/**
 * One validated step.
 *
 * @param scheduleTimeout null for no limit
 * @param outputType the declared return type (void steps store null)
 * @param flow concurrency limits, rate limits and worker labels ({@link StepFlow#NONE} for none)
 */
public record StepDefinition(
    String name,
    Method method,
    List<String> parents,
    boolean onFailure,
    Duration timeout,
    Duration scheduleTimeout,
    RetryPolicy retryPolicy,
    List<ParamBinding> bindings,
    JavaType outputType,
    StepFlow flow) {

  /** @throws IllegalArgumentException naming a timeout out of range */
  public StepDefinition {
    Ranges.between("timeout", timeout, Duration.ofMillis(1), Ranges.MAX_STEP_TIMEOUT);
    if (scheduleTimeout != null) {
      Ranges.between("scheduleTimeout", scheduleTimeout, Duration.ofMillis(1), Ranges.MAX_SCHEDULE_TIMEOUT);
    }
  }
}
