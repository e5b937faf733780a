package dev.cairn.db;

/** A checkpoint to commit for attempt {@code attempt} of step {@code id}. */
public record StepResult(long id, int attempt, String outputJson) {}
