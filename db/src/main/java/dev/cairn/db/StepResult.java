package dev.cairn.db;

/** A checkpoint to commit for one attempt. */
public record StepResult(AttemptRef attempt, String outputJson) {}
