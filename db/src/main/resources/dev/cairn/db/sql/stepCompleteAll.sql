-- Commits checkpoints and releases the children they unblock, in one statement. Fenced: only the current attempt
-- of a RUNNING step, in the run it names, held by the writer (:holders, null for the engine itself), may complete
-- it; a result from a superseded attempt or from anyone but the lease holder matches no row and changes nothing.
-- Children are released only in runs that are listed in :lockedRunIds (the caller holds those runs' locks) and are
-- unfinished: a PENDING child with no parent left to wait for becomes QUEUED. (The statement reads which are
-- unfinished itself, so that it can be sent together with runLockAll: see StoreTx#runLockAllAndCompleteSteps.)
-- Rows come back tagged: 'done' for completed steps, 'child' for children whose parent count changed, 'settled'
-- (run_id only) for such an unfinished locked run whose every step other than those completed here has succeeded or
-- been skipped: with them it has succeeded, and its caller needs no read of its steps to say so. (The statement sees
-- the steps as they were before it: those completed here still RUNNING, the children it released still PENDING.)
WITH active AS (
    -- An array, tested with = ANY like a parameter: a join to a CTE of runs would be a nested loop per row.
    SELECT coalesce(array_agg(r.id), '{}') AS ids
    FROM <schema>.runs r
    WHERE r.id = ANY(:lockedRunIds::uuid[]) AND r.status IN ('QUEUED', 'RUNNING')
), done AS (
    -- (stepCompleteAndEndAll writes the checkpoint with the same statement, stepCompleteAndEndOne with the same
    -- conditions on one step: change all three.)
    UPDATE <schema>.steps s
    SET status = 'SUCCEEDED', output = x.output::jsonb, error = NULL,
        finished_at = coalesce(:now::timestamptz, now()), lease_expires_at = NULL, lease_holder = NULL
    FROM unnest(:ids::bigint[], :runIds::uuid[], :attempts::int[], :holders::text[], :outputs::text[])
         AS x(id, run_id, attempt, holder, output)
    WHERE s.id = x.id AND s.run_id = x.run_id AND s.attempt = x.attempt AND s.status = 'RUNNING'
      AND (x.holder IS NULL OR s.lease_holder = x.holder)
    RETURNING s.id, s.run_id, s.step_name, s.status, s.attempt
), released AS (
    -- One index lookup of each completed step's run. The planner takes "done" for one row (it cannot see through
    -- RETURNING), so as a plain join it looped over all of it for every candidate child: quadratic in the batch, 31
    -- of 74 ms for 250 completions. OFFSET 0 keeps the lateral subquery from being flattened into such a join.
    SELECT c.id, count(*)::int AS parents_done
    FROM done
    CROSS JOIN LATERAL (
        SELECT c.id
        FROM <schema>.steps c
        WHERE c.run_id = done.run_id AND c.status = 'PENDING' AND done.step_name = ANY(c.parent_names)
        OFFSET 0
    ) c
    WHERE done.run_id = ANY((SELECT ids FROM active)::uuid[])
    GROUP BY c.id
), children AS (
    UPDATE <schema>.steps c
    SET pending_parents = c.pending_parents - released.parents_done,
        status = CASE WHEN c.pending_parents = released.parents_done THEN 'QUEUED' ELSE c.status END,
        queued_at = CASE WHEN c.pending_parents = released.parents_done THEN coalesce(:now::timestamptz, now()) ELSE c.queued_at END,
        available_at = coalesce(:now::timestamptz, now()),
        schedule_deadline = CASE WHEN c.pending_parents = released.parents_done
                                 THEN coalesce(:now::timestamptz, now()) + make_interval(secs => c.schedule_timeout_ms / 1000.0) END
    FROM released
    WHERE c.id = released.id
    RETURNING c.id, c.run_id, c.step_name, c.status, c.attempt
), settled AS (
    SELECT r.run_id
    FROM (SELECT DISTINCT run_id FROM done) r
    WHERE r.run_id = ANY((SELECT ids FROM active)::uuid[])
      AND NOT EXISTS (SELECT 1 FROM <schema>.steps o
                      WHERE o.run_id = r.run_id AND o.status NOT IN ('SUCCEEDED', 'SKIPPED')
                        AND o.id NOT IN (SELECT id FROM done))
)
-- Of bounded width, so that it goes in the same round trip as runLockAll (see DirectStatement).
SELECT 'done'::varchar(7) AS kind, id, run_id, step_name::varchar(1000) AS step_name, status::varchar(20) AS status,
       attempt
FROM done
UNION ALL
SELECT 'child'::varchar(7), id, run_id, step_name::varchar(1000), status::varchar(20), attempt FROM children
UNION ALL
SELECT 'settled'::varchar(7), NULL, run_id, NULL::varchar(1000), NULL::varchar(20), NULL FROM settled
