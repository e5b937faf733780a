-- "Now" is a parameter of every statement (the engine's clock; null means the database's own, the production
-- case), so whether a wait is over is judged at a given time too. The one-argument wait_is_over(s) stays for nodes
-- of the previous version during a rolling upgrade.
CREATE FUNCTION wait_is_over(s steps, at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path FROM CURRENT
AS $$
    SELECT (s.wake_at IS NOT NULL AND s.wake_at <= at)
        OR (s.wait_kind = 'CHILDREN'
            AND NOT EXISTS (SELECT 1 FROM runs c
                            WHERE c.id = ANY(s.wait_runs) AND c.status IN ('QUEUED', 'RUNNING')))
        OR (s.wait_kind = 'EVENT'
            AND EXISTS (SELECT 1 FROM pushed_events e
                        WHERE e.event_key = s.wait_event_key AND e.created_at >= s.wait_event_since))
$$;
