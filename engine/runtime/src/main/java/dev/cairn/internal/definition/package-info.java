/**
 * Turns annotated workflow classes into validated {@link dev.cairn.internal.definition.WorkflowDefinition}s:
 * annotation scanning, DAG validation (unknown parents, cycles, duplicates), parameter binding and type checks.
 */
package dev.cairn.internal.definition;
