package dev.cairn.db;

/** A failed attempt that ends its step. */
public record StepFailure(long id, int attempt, String error) {}
