package dev.cairn;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A typed reference to a workflow: its name, the type of its input and the type of its output (its single terminal
 * step's output). Made from the workflow class, it carries a name that cannot be mistyped and types that are
 * checked against the class's steps when the reference is made, so a mismatch fails when the workflow class (or the
 * class holding the reference) is loaded, not when a run reaches it:
 *
 * <pre>{@code
 * static final WorkflowRef<Order, Shipment> FULFILMENT =
 *     WorkflowRef.of(OrderFulfilment.class, Order.class, Shipment.class);
 * Shipment shipment = runs.trigger(FULFILMENT, order).result(Duration.ofMinutes(1));
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class WorkflowRef<I, O> {
  private final String name;
  private final Class<I> inputType;
  private final Class<O> outputType;

  private WorkflowRef(String name, Class<I> inputType, Class<O> outputType) {
    this.name = name;
    this.inputType = inputType;
    this.outputType = outputType;
  }

  /**
   * A reference to an annotated workflow class.
   *
   * @throws DefinitionException if the class is not annotated {@link Workflow}, a step takes an input that
   *     {@code inputType} does not fit, or its single terminal step does not return {@code outputType}
   */
  public static <I, O> WorkflowRef<I, O> of(Class<?> workflowClass, Class<I> inputType, Class<O> outputType) {
    Objects.requireNonNull(inputType, "inputType");
    Objects.requireNonNull(outputType, "outputType");
    String name = nameOf(workflowClass);
    checkTypes(workflowClass, inputType, outputType);
    return new WorkflowRef<>(name, inputType, outputType);
  }

  /** A reference by name only (a workflow served by remote workers); its output is read as generic JSON. */
  public static WorkflowRef<Object, Object> named(String name) {
    return new WorkflowRef<>(Objects.requireNonNull(name, "name"), Object.class, Object.class);
  }

  /** A reference by name with the types the caller expects (checked by the engine's input check only). */
  public static <I, O> WorkflowRef<I, O> named(String name, Class<I> inputType, Class<O> outputType) {
    return new WorkflowRef<>(Objects.requireNonNull(name, "name"), inputType, outputType);
  }

  /** The name of an annotated workflow class. @throws DefinitionException if it is not annotated */
  public static String nameOf(Class<?> workflowClass) {
    Workflow workflow = workflowClass.getAnnotation(Workflow.class);
    if (workflow == null) {
      throw new DefinitionException(workflowClass.getName() + " is not annotated @Workflow");
    }
    return workflow.name();
  }

  public String name() {
    return name;
  }

  public Class<I> inputType() {
    return inputType;
  }

  public Class<O> outputType() {
    return outputType;
  }

  private static void checkTypes(Class<?> type, Class<?> input, Class<?> output) {
    List<Method> steps = new ArrayList<>();
    Set<String> parents = new HashSet<>();
    for (Method method : type.getDeclaredMethods()) {
      Step step = method.getAnnotation(Step.class);
      if (step == null) {
        continue;
      }
      steps.add(method);
      parents.addAll(List.of(step.parents()));
      for (Parameter parameter : method.getParameters()) {
        Parent parent = parameter.getAnnotation(Parent.class);
        if (parent != null) {
          parents.add(parent.value());
        } else if (parameter.getType() != StepContext.class && !boxed(parameter.getType()).isAssignableFrom(input)) {
          throw new DefinitionException(type.getName() + "." + method.getName() + " takes input "
              + parameter.getType().getName() + ", which " + input.getName() + " does not fit");
        }
      }
    }
    List<Method> terminal = steps.stream().filter(method -> !parents.contains(stepName(method))).toList();
    if (terminal.size() == 1 && !boxed(output).isAssignableFrom(boxed(terminal.get(0).getReturnType()))) {
      throw new DefinitionException(type.getName() + "." + terminal.get(0).getName() + " returns "
          + terminal.get(0).getReturnType().getName() + ", not " + output.getName());
    }
  }

  private static String stepName(Method method) {
    String name = method.getAnnotation(Step.class).name();
    return name.isEmpty() ? method.getName() : name;
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    return type == void.class ? Void.class : Object.class;
  }

  @Override
  public String toString() {
    return "workflow " + name;
  }
}
