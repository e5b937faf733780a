SELECT id, child_key
FROM <schema>.runs
WHERE parent_step_id = :parentStepId AND child_key = ANY(:childKeys::text[])
