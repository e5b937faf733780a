-- Writes a worker's row: on registration (:takeOver, the row becomes this session's whatever it held before), or on
-- a heartbeat (only while the row is still this session's, so a late heartbeat of a replaced stream changes
-- nothing). A heartbeat keeps the registration's connected_at. Returns the holder when the row was written.
INSERT INTO <schema>.workers AS w (holder, worker_id, kind, token_id, node_id, session_id, host, address, version,
    labels, slots, slots_used, running, definitions, connected_at, heartbeat_at, stale_at, gone_at, gone_reason)
VALUES (:holder, :workerId, :kind, :tokenId, :nodeId, :sessionId, :host, :address, :version, :labels::jsonb, :slots,
    :slotsUsed, :running::jsonb, :definitions::jsonb, coalesce(:now::timestamptz, now()),
    coalesce(:now::timestamptz, now()), coalesce(:now::timestamptz, now()) + :staleAfterMs::bigint * interval '1 millisecond',
    NULL, NULL)
ON CONFLICT (holder) DO UPDATE SET
    worker_id = EXCLUDED.worker_id, kind = EXCLUDED.kind, token_id = EXCLUDED.token_id, node_id = EXCLUDED.node_id,
    session_id = EXCLUDED.session_id, host = EXCLUDED.host, address = EXCLUDED.address, version = EXCLUDED.version,
    labels = EXCLUDED.labels, slots = EXCLUDED.slots, slots_used = EXCLUDED.slots_used, running = EXCLUDED.running,
    definitions = EXCLUDED.definitions,
    connected_at = CASE WHEN :takeOver THEN EXCLUDED.connected_at ELSE w.connected_at END,
    heartbeat_at = EXCLUDED.heartbeat_at, stale_at = EXCLUDED.stale_at, gone_at = NULL, gone_reason = NULL
WHERE :takeOver OR (w.session_id = EXCLUDED.session_id AND w.gone_at IS NULL)
RETURNING holder
