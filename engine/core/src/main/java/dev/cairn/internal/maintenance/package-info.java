/**
 * Background repairs, one class each, all submitting their findings to the
 * {@link dev.cairn.internal.completion.Completer} so that the same fenced transitions apply: expired leases are
 * taken back, steps queued past their schedule deadline fail, and runs left unfinished with nothing to move them
 * are judged. Every node runs them; the fences make concurrent sweeps by several nodes harmless.
 */
package dev.cairn.internal.maintenance;
