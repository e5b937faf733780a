package dev.cairn.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Filters of {@link Store#runList}; null (or an empty list) means no filter on that field.
 *
 * @param metadataJson a JSON object the run's metadata must contain ("{}" for any)
 * @param afterCreatedAt with {@code afterId}: the keyset cursor, runs strictly older come next
 */
public record RunFilter(String workflowName, List<String> statuses, String metadataJson, Instant createdFrom,
    Instant createdTo, Instant afterCreatedAt, UUID afterId, int limit) {}
