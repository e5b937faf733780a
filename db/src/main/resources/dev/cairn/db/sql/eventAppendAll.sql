-- Appends events to run logs and sends notifications, in one statement. Sequence numbers are reserved per run
-- by bumping runs.last_event_seq; :ordinals numbers each event within its run (1, 2, ...), so the events of a
-- run get consecutive numbers in the order given. The caller holds the runs' locks (runLockAll), so the
-- commit order of a run's events is their sequence order. Notifications are delivered at commit.
-- :finishStatuses / :finishErrors, one per event and null but on one event of a run to end, end runs in the same
-- update of their row (a run's row is updated once per statement), and only while unfinished, as runFinishAll
-- does. (They ride on the events: a join of the runs to a list of finishes ran as a nested loop, quadratic in the
-- batch, 139,000 rows compared for 477 runs.)
WITH drafts AS (
    SELECT *
    FROM unnest(:runIds::uuid[], :ordinals::bigint[], :types::text[], :stepNames::text[], :attempts::int[],
                :payloads::text[], :finishStatuses::text[], :finishErrors::text[])
         AS e(run_id, ordinal, type, step_name, attempt, payload, finish_status, finish_error)
), advanced AS (
    UPDATE <schema>.runs r
    SET last_event_seq = r.last_event_seq + c.n,
        status = CASE WHEN c.finish_status IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING') THEN c.finish_status
                      ELSE r.status END,
        error = CASE WHEN c.finish_status IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING') THEN c.finish_error
                     ELSE r.error END,
        finished_at = CASE WHEN c.finish_status IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING')
                           THEN coalesce(:now::timestamptz, now()) ELSE r.finished_at END
    FROM (SELECT run_id, count(*) AS n, max(finish_status) AS finish_status, max(finish_error) AS finish_error
          FROM drafts GROUP BY run_id) c
    WHERE r.id = c.run_id AND r.id = ANY(:runIds::uuid[])
    RETURNING r.id, r.last_event_seq, c.n
), appended AS (
    INSERT INTO <schema>.events (run_id, seq, type, step_name, attempt, payload, created_at)
    SELECT d.run_id, a.last_event_seq - a.n + d.ordinal, d.type, d.step_name, d.attempt, d.payload::jsonb,
           coalesce(:now::timestamptz, now())
    FROM drafts d
    JOIN advanced a ON a.id = d.run_id
    RETURNING 1
)
-- Answers of bounded width (a boolean, a count), so that a commit sent after it goes in the same round trip.
SELECT pg_notify(n.channel, n.payload) IS NOT NULL AS notified, (SELECT count(*) FROM appended) AS events
FROM unnest(:channels::text[], :notifyPayloads::text[]) AS n(channel, payload)
