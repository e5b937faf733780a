package dev.cairn;

/**
 * What a bulk operation did ({@link Runs#cancelAll}, {@link Runs#replayAll}, {@link Runs#deleteAll}).
 *
 * @param matched runs the filter matched in the states the operation acts on (unfinished for a cancel, failed
 *     or cancelled for a replay, finished for a delete)
 * @param changed of those, the runs this call cancelled, replayed or deleted (the others ended or changed meanwhile); a
 *     repeated call changes none it changed before
 */
public record BulkResult(long matched, long changed) {}
