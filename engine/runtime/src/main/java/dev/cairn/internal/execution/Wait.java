package dev.cairn.internal.execution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a suspended attempt waits for.
 *
 * @param kind CHILDREN, SLEEP or EVENT
 * @param wakeAt when to wake regardless (sleep end, event timeout), or null
 * @param runs child runs to wait for, or null
 * @param eventKey the awaited pushed event's key, or null
 * @param eventSince events pushed at or after this count, or null
 */
public record Wait(String kind, Instant wakeAt, List<UUID> runs, String eventKey, Instant eventSince) {}
