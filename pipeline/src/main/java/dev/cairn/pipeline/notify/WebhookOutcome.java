package dev.cairn.pipeline.notify;

/**
 * How a webhook delivery ended. Delivery trouble is an outcome, not an exception: a customer's broken endpoint
 * must not fail the transcript (upstream §8.3).
 *
 * @param delivered whether an attempt got a 2xx
 * @param attempts how many requests were sent (at least 1)
 * @param lastStatus the last HTTP status received, or null when no attempt got an answer
 * @param error why the last attempt failed (e.g. "answered 500", "ConnectException: ..."); null when delivered
 */
public record WebhookOutcome(boolean delivered, int attempts, Integer lastStatus, String error) {}
