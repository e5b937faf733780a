package dev.cairn.db;

/** A failed attempt to queue again after {@code delayMillis}. */
public record StepRetry(AttemptRef attempt, String error, long delayMillis) {}
