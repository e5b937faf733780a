package dev.cairn.pipeline.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One entry of a transcript's event log: {@code {event, data}} as upstream, plus its sequence number. */
public record TranscriptEvent(String transcriptId, long seq, EventType event, JsonNode data, Instant createdAt) {}
