package dev.cairn.db;

import java.util.UUID;

/**
 * An event to append to a run's log; {@code ordinal} orders it among the same run's drafts in one append
 * (1, 2, ...), and the store turns it into the next free sequence number. Nullable: stepName, attempt, payloadJson.
 */
public record EventDraft(UUID runId, long ordinal, String type, String stepName, Integer attempt, String payloadJson) {}
