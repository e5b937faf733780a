/**
 * Reflector's Daily.co multitrack diarization pipeline on Cairn.
 *
 * <ul>
 *   <li>{@code workflow}: the {@code DiarizationPipeline} DAG and its child workflows ({@code TrackProcessing},
 *       {@code TopicChunkProcessing}); steps only orchestrate, the work is in the packages below.
 *   <li>{@code model}: value types shared by the parts (words, participants, topics).
 *   <li>{@code audio}: FFmpeg through javacv: start-offset probe, padding, mixdown, waveform; all streaming.
 *   <li>{@code storage}: object storage (S3 via aws-sdk-s3, or a local directory).
 *   <li>{@code daily}: the Daily REST API, its key grammar and its webhook signature.
 *   <li>{@code transcription}: ASR clients (upstream and OpenAI-compatible) and recorded answers.
 *   <li>{@code summary}: topics, titles and summaries by an OpenAI-compatible LLM or an extractive summariser.
 *   <li>{@code notify}: Zulip and the signed outgoing webhook.
 *   <li>{@code transcript}: the transcript store (its own tables) and its live event log.
 *   <li>{@code app}: configuration and the three ways to run it (demo, worker, commands).
 * </ul>
 */
package dev.cairn.pipeline;
