-- One page of the worker inventory by (worker id, holder), filtered; every filter is optional. The state is judged
-- on the reader's clock: gone once gone_at is set, stale once stale_at has passed without a newer heartbeat.
SELECT holder, worker_id, kind, token_id, node_id, session_id, host, address, version, labels::text AS labels, slots,
       slots_used, running::text AS running, definitions::text AS definitions, connected_at, heartbeat_at, stale_at,
       gone_at, gone_reason,
       CASE WHEN gone_at IS NOT NULL THEN 'GONE'
            WHEN stale_at <= coalesce(:now::timestamptz, now()) THEN 'STALE'
            ELSE 'CONNECTED' END AS state
FROM <schema>.workers
WHERE (:workflowName::text IS NULL
       OR definitions @> jsonb_build_array(jsonb_build_object('workflow', :workflowName::text)))
  AND labels @> :labels::jsonb
  AND (NOT :connectedOnly OR (gone_at IS NULL AND stale_at > coalesce(:now::timestamptz, now())))
  AND (:afterWorkerId::text IS NULL OR (worker_id, holder) > (:afterWorkerId::text, :afterHolder::text))
ORDER BY worker_id, holder
LIMIT :limit
