package dev.cairn.internal.definition;

import com.fasterxml.jackson.databind.JavaType;

/** How one step parameter gets its value. */
public sealed interface ParamBinding {
  /** The run input, decoded as the parameter's type. */
  record Input(JavaType type) implements ParamBinding {}

  /** A parent's output, decoded as the parameter's type. */
  record ParentOutput(String parent, JavaType type) implements ParamBinding {}

  /** The {@link dev.cairn.StepContext}. */
  record Context() implements ParamBinding {}
}
