package dev.cairn.db;

/** An attempt that suspends, and what it waits for. */
public record SuspendedStep(AttemptRef attempt, StepSuspension suspension) {}
