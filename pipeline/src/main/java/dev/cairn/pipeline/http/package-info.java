/**
 * The pipeline's HTTP mechanics and its read endpoints: one JSON error shape for every refusal and failure
 * ({@link dev.cairn.pipeline.http.JsonErrorBoundary}), bearer-token checks against the engine's tokens
 * ({@link dev.cairn.pipeline.http.TokenCheck}), and transcripts with their live event streams. Knows nothing of the
 * application that assembles it ({@code dev.cairn.pipeline.app}).
 */
package dev.cairn.pipeline.http;
