package dev.cairn.pipeline.transcription;

import java.net.URI;
import java.util.function.Supplier;

/**
 * What a transcriber gets for one track: a presigned URL of the padded audio (made on demand, so a replay never
 * uses an expired one), the recording and track index (recorded answers are looked up by them), the language.
 */
public record TranscriptionRequest(Supplier<URI> audioUrl, String recordingId, int trackIndex, String language) {}
