SELECT count(*) FROM <schema>.step_ops WHERE step_id = :stepId
