-- Marks a worker gone: its stream (this session) ended. A newer session of the same worker (its row was taken over)
-- is left alone. Returns the holder when the row was marked.
UPDATE <schema>.workers
SET gone_at = coalesce(:now::timestamptz, now()), gone_reason = :reason, slots_used = 0, running = '[]'::jsonb
WHERE holder = :holder AND session_id = :sessionId AND gone_at IS NULL
RETURNING holder
