/**
 * Checks applied to every value that crosses a boundary (the public API, gRPC, worker messages, definitions):
 * identifiers and free text ({@link dev.cairn.internal.validate.Text}), run ids
 * ({@link dev.cairn.internal.validate.RunIds}) and numbers, durations and instants
 * ({@link dev.cairn.internal.validate.Ranges}); JSON text is checked by the runtime's {@code JsonText}. A refused value raises {@link java.lang.IllegalArgumentException}
 * whose message names the field and quotes at most a short, escaped prefix of the value, so no message ever echoes
 * unbounded or binary input. Not API.
 */
package dev.cairn.internal.validate;
