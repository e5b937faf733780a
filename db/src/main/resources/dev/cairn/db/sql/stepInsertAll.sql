-- Inserts the step rows of new runs. Parent names arrive comma-joined (step names never contain commas).
INSERT INTO <schema>.steps (run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status,
                            priority, schedule_timeout_ms, queued_at, available_at, schedule_deadline)
SELECT s.run_id, s.workflow_name, s.step_name, string_to_array(s.parent_names, ','), s.pending_parents, s.on_failure,
       s.status, s.priority, s.schedule_timeout_ms,
       CASE WHEN s.status = 'QUEUED' THEN now() END,
       now(),
       CASE WHEN s.status = 'QUEUED' THEN now() + make_interval(secs => s.schedule_timeout_ms / 1000.0) END
FROM unnest(:runIds::uuid[], :workflowNames::text[], :stepNames::text[], :parentNames::text[],
            :pendingParents::int[], :onFailure::boolean[], :statuses::text[], :priorities::int[],
            :scheduleTimeoutsMillis::bigint[])
     AS s(run_id, workflow_name, step_name, parent_names, pending_parents, on_failure, status, priority,
          schedule_timeout_ms)
