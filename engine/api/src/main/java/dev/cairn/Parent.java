package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a step parameter to the output of the named step, converted to the parameter's declared type, and makes
 * that step a parent: the step runs after it succeeded. No need to list it in {@link Step#parents()} as well.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Parent {
  /** The parent step's name. */
  String value();
}
