-- Runs matching a metadata filter, created at or after :since, whose event log goes past the caller's cursor
-- (:knownIds/:knownSeqs; runs not listed count as cursor 0).
SELECT r.id, r.last_event_seq
FROM <schema>.runs r
LEFT JOIN unnest(:knownIds::uuid[], :knownSeqs::bigint[]) AS k(id, seq) ON k.id = r.id
WHERE r.metadata @> :metadata::jsonb
  AND r.created_at >= :since::timestamptz
  AND r.last_event_seq > coalesce(k.seq, 0)
ORDER BY r.created_at, r.id
LIMIT :limit
