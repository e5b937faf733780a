/**
 * Tracing: the names of the OpenTelemetry spans for runs and step attempts (through the API only: an application
 * that wants them exported brings an SDK), the W3C trace context a run carries from its trigger to wherever its
 * steps run, and the MDC keys every log line written while a step runs carries.
 */
package dev.cairn.internal.tracing;
