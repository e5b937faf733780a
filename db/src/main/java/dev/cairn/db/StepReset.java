package dev.cairn.db;

/** A step to run again in a replay: QUEUED, or PENDING on {@code pendingParents} parents. */
public record StepReset(long id, String status, int pendingParents, String fingerprint) {}
