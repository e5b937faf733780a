-- Claims up to :limit queued steps and leases them to one worker, atomically: a claimed row is RUNNING with an
-- owner and a lease deadline in the same statement that picked it, so no row is ever taken and then lost.
-- SKIP LOCKED lets any number of nodes dequeue at once without waiting on each other.
-- Each row comes back with its run's input and its parents' outputs, so running it needs no further query.
WITH next AS (
    SELECT id
    FROM <schema>.steps
    WHERE status = 'QUEUED' AND available_at <= now() AND workflow_name = ANY(:workflowNames::text[])
    ORDER BY priority DESC, id
    LIMIT :limit
    FOR UPDATE SKIP LOCKED
)
UPDATE <schema>.steps s
SET status = 'RUNNING',
    attempt = s.attempt + 1,
    worker_id = :workerId,
    lease_expires_at = now() + make_interval(secs => :leaseMillis / 1000.0),
    started_at = now(),
    schedule_deadline = NULL
FROM next
WHERE s.id = next.id
RETURNING s.id, s.run_id, s.workflow_name, s.step_name, s.attempt, s.failures, s.queued_at, s.started_at,
          (SELECT r.input::text FROM <schema>.runs r WHERE r.id = s.run_id) AS input,
          (SELECT r.metadata::text FROM <schema>.runs r WHERE r.id = s.run_id) AS metadata,
          (SELECT jsonb_object_agg(p.step_name, p.output)::text
           FROM <schema>.steps p
           WHERE p.run_id = s.run_id AND p.step_name = ANY(s.parent_names)) AS parent_outputs
