-- Whether the statistics of the runs and of the events table are stale: the table takes more than twice the pages it
-- took at its last ANALYZE or VACUUM (and more than 16 pages; a table never analysed counts 0; the caller comes once
-- per 5,000 steps inserted). So each is analysed every time it about doubles: often while it is young, before
-- autovacuum comes by (it naps a minute, then waits for 10 % of the rows to change) and when a first Bench pass ran at
-- half the speed of the second; rarely once it is large, where autovacuum keeps up. The size is read from the files,
-- current at once (the row counters of pg_stat_user_tables reach it up to a second late, after the burst that needed
-- the refresh).
SELECT coalesce(bool_or(c.relname = 'runs'), false) AS runs,
       coalesce(bool_or(c.relname = 'events'), false) AS events
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :schema AND c.relname IN ('runs', 'events')
  AND pg_relation_size(c.oid) > 2 * greatest(c.relpages, 8) * current_setting('block_size')::bigint
