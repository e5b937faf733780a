/**
 * Cairn-internal seam between the engine and PostgreSQL: the schema migrations and every SQL statement the
 * engine runs. Not a user API; it may change in any release.
 *
 * <p>Each statement lives in its own file under {@code dev/cairn/db/sql/}, named like the {@link dev.cairn.db.StoreTx}
 * or {@link dev.cairn.db.Store} method that runs it. Payloads (inputs, outputs, event payloads) are opaque JSON
 * text here: this module never interprets them.
 */
package dev.cairn.db;
