-- Whether the step is RUNNING in run :runId with attempt :attempt, leased to :holder (null: to anyone). Guards the
-- reads a running attempt makes for its durable operations (its children's states, pushed events).
SELECT EXISTS (
    SELECT 1 FROM <schema>.steps s
    WHERE s.id = :stepId AND s.run_id = :runId AND s.attempt = :attempt AND s.status = 'RUNNING'
      AND (:holder::text IS NULL OR s.lease_holder = :holder::text))
