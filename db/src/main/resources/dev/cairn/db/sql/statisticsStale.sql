-- Whether the statistics of the runs and of the events table are stale: missing, or older than as many changed rows
-- as the table held at its last ANALYZE. So a table is analysed each time it about doubles: often while it is young,
-- when autovacuum has not come by yet (it naps a minute, then waits for 10 % of the rows to change) and a first
-- Bench pass ran at half the speed of the second; rarely once it is large, where autovacuum keeps up.
SELECT coalesce(bool_or(s.relname = 'runs'), false) AS runs,
       coalesce(bool_or(s.relname = 'events'), false) AS events
FROM pg_stat_user_tables s
JOIN pg_class c ON c.oid = s.relid
WHERE s.schemaname = :schema AND s.relname IN ('runs', 'events')
  AND s.n_mod_since_analyze > greatest(c.reltuples, 0) + 1000
