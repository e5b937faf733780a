/**
 * The transcript store: the pipeline's own tables (migrated by Flyway into their own schema) and the transcript
 * event log, streamed live to watchers. All of the pipeline's SQL is in this package.
 *
 * <p>Concurrent steps (title, summary, waveform, topics) write different columns and append events; each write is
 * one statement or one short transaction, and event sequence numbers are handed out under the transcript row's
 * lock, so nobody's write is lost (upstream rewrote whole JSON documents and could lose events, its §10.4).
 */
package dev.cairn.pipeline.transcript;
