-- How many diamond runs the engine holds (each trigger had its own idempotency key: one run each). Parameter: the
-- diamond workflow's name.
SELECT count(*)::text FROM cairn.runs WHERE workflow_name = ?
