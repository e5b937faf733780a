-- (c) A parent run with two child runs under one key, in the engine's own records.
SELECT 'run ' || parent_run_id || ' has ' || count(*) || ' child runs under key ' || child_key || ': '
       || string_agg(id::text, ', ')
FROM cairn.runs
WHERE parent_run_id IS NOT NULL
GROUP BY parent_run_id, child_key
HAVING count(*) > 1
