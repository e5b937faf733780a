package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as a workflow: its {@link Step} methods form a DAG. The engine calls the methods of the
 * instance registered with {@link Cairn.Builder#register}, so the instance carries its own dependencies.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Workflow {
  /** The workflow's name, used to trigger it and stored with every run. Letters, digits, '_', '-', '.'. */
  String name();

  /**
   * A version label of the code, part of the definition fingerprint. Change it when a step's behaviour
   * changes without a change of its signature. Default: empty.
   */
  String version() default "";
}
