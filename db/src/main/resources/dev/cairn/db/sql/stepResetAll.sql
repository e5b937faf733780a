-- Resets steps for a replay: each given step is QUEUED or PENDING again (with the given count of parents to
-- wait for) and forgets its failure; a step that had succeeded is never in the list.
UPDATE <schema>.steps s
SET status = x.status, pending_parents = x.pending_parents, failures = 0, lease_expiries = 0, error = NULL,
    output = NULL, finished_at = NULL, lease_expires_at = NULL, lease_holder = NULL,
    queued_at = CASE WHEN x.status = 'QUEUED' THEN coalesce(:now::timestamptz, now()) END,
    available_at = coalesce(:now::timestamptz, now()),
    schedule_deadline = CASE WHEN x.status = 'QUEUED'
                             THEN coalesce(:now::timestamptz, now()) + make_interval(secs => s.schedule_timeout_ms / 1000.0) END,
    wait_kind = NULL, wake_at = NULL, wait_runs = NULL, wait_event_key = NULL, wait_event_since = NULL,
    definition_fingerprint = x.fingerprint, held_keys = NULL, blocked_reason = NULL,
    -- A replayed run competes for its keys again: its run-level key first (it holds none once final), else the
    -- step's own.
    gate_key = coalesce((SELECT r.flow_keys[1] FROM <schema>.runs r WHERE r.id = s.run_id AND r.held_keys IS NULL),
                        s.flow_keys[1])
FROM unnest(:ids::bigint[], :statuses::text[], :pendingParents::int[], :fingerprints::text[])
     AS x(id, status, pending_parents, fingerprint)
WHERE s.id = x.id AND s.status IN ('FAILED', 'CANCELLED', 'SKIPPED', 'SUCCEEDED', 'PENDING')
RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
