package dev.cairn.pipeline.audio;

/**
 * What {@link TrackPadder#pad} wrote.
 *
 * @param bytes size of the output file
 * @param durationSeconds audio duration of the output (leading silence included), from the samples encoded
 */
public record PadResult(long bytes, double durationSeconds) {}
