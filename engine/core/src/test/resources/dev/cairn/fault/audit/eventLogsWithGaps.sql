-- (d) Runs whose event log is not numbered 1..n (a gap, a missing start, or no events at all), or whose last
-- sequence number disagrees with runs.last_event_seq.
SELECT 'run ' || r.id || ': ' || count(e.seq) || ' events numbered ' || coalesce(min(e.seq), 0) || '..'
       || coalesce(max(e.seq), 0) || ', last_event_seq ' || r.last_event_seq
FROM cairn.runs r
LEFT JOIN cairn.events e ON e.run_id = r.id
GROUP BY r.id, r.last_event_seq
HAVING count(e.seq) = 0 OR min(e.seq) <> 1 OR max(e.seq) <> count(e.seq) OR max(e.seq) <> r.last_event_seq
