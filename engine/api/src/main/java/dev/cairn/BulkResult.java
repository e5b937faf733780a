package dev.cairn;

/**
 * What a bulk operation did ({@link Runs#cancelAll}, {@link Runs#replayAll}).
 *
 * @param matched runs the filter matched in the states the operation acts on
 * @param changed of those, the runs this call cancelled or replayed (the others ended or changed meanwhile); a
 *     repeated call changes none it changed before
 */
public record BulkResult(long matched, long changed) {}
