/**
 * FFmpeg (through javacv's bindings) for the pipeline's audio steps: the start-offset probe
 * ({@link dev.cairn.pipeline.audio.StartOffsetProbe}), padding a track with its leading silence
 * ({@link dev.cairn.pipeline.audio.TrackPadder}), mixing the padded tracks to MP3
 * ({@link dev.cairn.pipeline.audio.Mixdown}) and the 255-point peak waveform
 * ({@link dev.cairn.pipeline.audio.Waveform}).
 *
 * <p>Everything streams frame by frame between files: memory does not grow with the length of a recording. Failures
 * are {@link dev.cairn.pipeline.audio.AudioException}s naming the file.
 */
package dev.cairn.pipeline.audio;
