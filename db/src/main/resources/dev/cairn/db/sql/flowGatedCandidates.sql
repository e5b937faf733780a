-- The steps waiting behind each locked key, best first (priority, then age), at most :caps of each, locked
-- (SKIP LOCKED: a step another claim holds is left to it). With each: its own keys and units, and its run's keys
-- and whether the run holds them already.
SELECT c.*
FROM unnest(:keyIds::bigint[], :caps::int[]) AS g(key_id, cap)
CROSS JOIN LATERAL (
    SELECT s.id, s.run_id, s.gate_key, s.priority, s.flow_keys::text AS step_keys, s.flow_units::text AS step_units,
           r.flow_keys::text AS run_keys, r.held_keys IS NOT NULL AS run_holds
    FROM <schema>.steps s
    JOIN <schema>.runs r ON r.id = s.run_id
    WHERE s.gate_key = g.key_id AND s.status = 'QUEUED' AND s.available_at <= coalesce(:now::timestamptz, now())
      AND s.workflow_name = ANY(:workflowNames::text[])
      AND (s.definition_fingerprint IS NULL OR s.definition_fingerprint = ANY(:fingerprints::text[]))
      AND (s.label_sig IS NULL OR s.label_sig = ANY(:labelSigs::text[]))
      <routing>
    ORDER BY s.priority DESC, s.id
    LIMIT g.cap
    FOR UPDATE OF s SKIP LOCKED
) c
