package dev.cairn.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A pushed event as stored. JSON columns are text.
 *
 * @param runIds the runs its triggers started (empty before they were recorded)
 * @param inserted whether the statement that returned it stored it (false: it was pushed before)
 */
public record PushedEventRow(String eventKey, String eventId, String payloadJson, String metadataJson,
    Instant pushedAt, List<UUID> runIds, boolean inserted) {}
