package dev.cairn.db;

/** A failed attempt to queue again after {@code delayMillis}. */
public record StepRetry(long id, int attempt, String error, long delayMillis) {}
