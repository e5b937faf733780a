-- The runs below the given runs (children, grandchildren, ...), with their status.
WITH RECURSIVE below AS (
    SELECT c.id, c.status, c.workflow_name
    FROM <schema>.runs c
    WHERE c.parent_run_id = ANY(:ids::uuid[])
    UNION
    SELECT c.id, c.status, c.workflow_name
    FROM <schema>.runs c
    JOIN below b ON c.parent_run_id = b.id
)
SELECT id, status, workflow_name FROM below
