package dev.cairn.db;

/** A failed attempt that ends its step. */
public record StepFailure(AttemptRef attempt, String error) {}
