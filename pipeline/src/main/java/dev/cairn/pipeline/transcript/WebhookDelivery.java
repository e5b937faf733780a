package dev.cairn.pipeline.transcript;

import java.time.Instant;

/** The recorded outcome of one outgoing webhook (all its attempts). */
public record WebhookDelivery(String transcriptId, String eventId, String url, boolean delivered, int attempts,
    Integer responseCode, String error, Instant sentAt) {}
