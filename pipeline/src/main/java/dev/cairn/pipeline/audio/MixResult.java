package dev.cairn.pipeline.audio;

/**
 * What {@link Mixdown#mix} wrote.
 *
 * @param durationMs duration of the mix, from the samples encoded (MP3 encoder delay and padding excluded)
 * @param sampleRate sample rate of the MP3
 * @param tracksMixed number of inputs mixed
 */
public record MixResult(long durationMs, int sampleRate, int tracksMixed) {}
