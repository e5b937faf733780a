/**
 * Transcription: the upstream {@code transcriptions-from-url} API, the OpenAI-compatible
 * {@code /v1/audio/transcriptions} API, and recorded answers shipped beside a recording (the embedded default).
 */
package dev.cairn.pipeline.transcription;
