-- Counts newly succeeded parents off their PENDING children; a child with no parent left to wait for is QUEUED.
WITH done AS (
    SELECT * FROM unnest(:runIds::uuid[], :stepNames::text[]) AS d(run_id, step_name)
), released AS (
    SELECT c.id, count(*)::int AS parents_done
    FROM <schema>.steps c
    JOIN done ON c.run_id = done.run_id AND done.step_name = ANY(c.parent_names)
    WHERE c.status = 'PENDING'
    GROUP BY c.id
)
UPDATE <schema>.steps c
SET pending_parents = c.pending_parents - released.parents_done,
    status = CASE WHEN c.pending_parents = released.parents_done THEN 'QUEUED' ELSE c.status END,
    queued_at = CASE WHEN c.pending_parents = released.parents_done THEN now() ELSE c.queued_at END,
    available_at = now(),
    schedule_deadline = CASE WHEN c.pending_parents = released.parents_done
                             THEN now() + make_interval(secs => c.schedule_timeout_ms / 1000.0) END
FROM released
WHERE c.id = released.id
RETURNING c.id, c.run_id, c.step_name, c.status, c.attempt
