SELECT r.id, r.workflow_name, r.idempotency_key
FROM <schema>.runs r
JOIN unnest(:workflowNames::text[], :idempotencyKeys::text[]) AS k(workflow_name, idempotency_key)
  ON r.workflow_name = k.workflow_name AND r.idempotency_key = k.idempotency_key
