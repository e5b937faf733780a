-- The earliest deadline of an unfinished run; null without one.
SELECT min(deadline_at) FROM <schema>.runs WHERE deadline_at IS NOT NULL AND status IN ('QUEUED', 'RUNNING')
