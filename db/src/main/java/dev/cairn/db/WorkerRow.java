package dev.cairn.db;

import java.time.Instant;

/**
 * A worker's inventory row as read, with its state judged on the reader's clock. Nullable: goneAt, goneReason.
 *
 * @param state "CONNECTED", "STALE" (no heartbeat written by stale_at: its node may have died) or "GONE"
 */
public record WorkerRow(WorkerRegistration registration, WorkerLoad load, Instant connectedAt, Instant heartbeatAt,
    Instant staleAt, Instant goneAt, String goneReason, String state) {}
