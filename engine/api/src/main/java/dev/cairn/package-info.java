/**
 * Cairn's public API for embedding the engine: {@link dev.cairn.Cairn} is the entry point, {@link dev.cairn.Workflow}
 * and {@link dev.cairn.Step} declare workflows, {@link dev.cairn.StepContext} is what a running step sees.
 *
 * <p>Everything under {@code dev.cairn.internal} is not API and may change in any release.
 */
package dev.cairn;
