/**
 * Topics, titles, summaries and action items: an OpenAI-compatible chat client with JSON-schema output,
 * validation and re-ask, and a deterministic extractive summariser (the embedded default, no network).
 */
package dev.cairn.pipeline.summary;
