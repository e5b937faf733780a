-- Appends events to run logs and sends notifications, in one statement. Sequence numbers are reserved per run
-- by bumping runs.last_event_seq; :ordinals numbers each event within its run (1, 2, ...), so the events of a
-- run get consecutive numbers in the order given. The caller holds the runs' locks (runLockAll), so the
-- commit order of a run's events is their sequence order. Notifications are delivered at commit.
-- :finishIds / :finishStatuses / :finishErrors end runs in the same update of their row (a run's row is updated
-- once per statement): each must have an event here (its RUN_ event), and is changed only while unfinished, as
-- runFinishAll does.
WITH drafts AS (
    SELECT *
    FROM unnest(:runIds::uuid[], :ordinals::bigint[], :types::text[], :stepNames::text[], :attempts::int[],
                :payloads::text[])
         AS e(run_id, ordinal, type, step_name, attempt, payload)
), advanced AS (
    UPDATE <schema>.runs r
    SET last_event_seq = r.last_event_seq + c.n,
        status = CASE WHEN f.id IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING') THEN f.status ELSE r.status END,
        error = CASE WHEN f.id IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING') THEN f.error ELSE r.error END,
        finished_at = CASE WHEN f.id IS NOT NULL AND r.status IN ('QUEUED', 'RUNNING')
                           THEN coalesce(:now::timestamptz, now()) ELSE r.finished_at END
    FROM (SELECT run_id, count(*) AS n FROM drafts GROUP BY run_id) c
         LEFT JOIN unnest(:finishIds::uuid[], :finishStatuses::text[], :finishErrors::text[]) AS f(id, status, error)
                ON f.id = c.run_id
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
SELECT pg_notify(n.channel, n.payload)::text AS notified, (SELECT count(*) FROM appended) AS events
FROM unnest(:channels::text[], :notifyPayloads::text[]) AS n(channel, payload)
