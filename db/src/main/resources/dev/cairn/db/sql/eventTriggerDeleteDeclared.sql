-- Deletes the declared triggers of the given workflows whose names are not among :keep (the code dropped them).
DELETE FROM <schema>.event_triggers
WHERE declared AND workflow_name = ANY(:workflowNames::text[]) AND NOT (name = ANY(:keep::text[]))
RETURNING name
