package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the workflow's on-failure step (at most one). It runs once a step has failed for good; the run still
 * ends {@link RunStatus#FAILED} afterwards. Its parameters bind like a step's (input and context; no parents).
 * Retries and timeouts come from a {@link Step} annotation on the same method, if present.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnFailure {}
