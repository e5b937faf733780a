package dev.cairn.internal.definition;

import java.util.Objects;

/**
 * A registered workflow object and the class its definition is read from: the object's own class, or a superclass
 * when the object is a subclass generated at run time (a Spring CGLIB proxy carries no annotations of its own). Step
 * methods are read from {@code type} and invoked on {@code instance}, so an overriding proxy still intercepts them.
 */
public record WorkflowInstance(Class<?> type, Object instance) {
  public WorkflowInstance {
    Objects.requireNonNull(type, "definitionClass");
    Objects.requireNonNull(instance, "workflow");
    if (!type.isInstance(instance)) {
      throw new IllegalArgumentException("definitionClass " + type.getName() + " is not a class of the workflow "
          + instance.getClass().getName());
    }
  }

  public static WorkflowInstance of(Object instance) {
    return new WorkflowInstance(Objects.requireNonNull(instance, "workflow").getClass(), instance);
  }
}
