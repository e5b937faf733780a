SELECT id, run_id, attempt
FROM <schema>.steps
WHERE status = 'WAITING' AND wait_kind = 'EVENT' AND wait_event_key = :eventKey
