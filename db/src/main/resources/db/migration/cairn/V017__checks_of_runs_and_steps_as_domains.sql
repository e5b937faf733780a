-- The checks on the values of runs and steps move from the tables to domains, with the same rules. PostgreSQL reads a
-- table's CHECK constraints from their stored text and plans them again for every statement that writes the table
-- (ExecConstraints: stringToNode, expression_planner, ExecPrepareExpr), while a domain's checks are planned once per
-- session and kept with its type. Measured on 2026-12-03 with perf on the backend serving a run of single-step runs:
-- 7.5% of its CPU went to setting up the five checks of runs and steps (each run inserts and updates both), about
-- 50 us per run, against 0.3% to evaluating them; Bench's single-step p50 1.19-1.22 ms with the checks on the tables,
-- 1.12-1.15 ms without them (three alternated pairs). A wrong value is still refused, with the domain named.
-- Each domain is created without its check and the column retyped (a domain over text is binary-compatible: no
-- rewrite), then the check is added, which verifies the rows there are.

CREATE DOMAIN run_status AS text;
CREATE DOMAIN step_status AS text;
CREATE DOMAIN run_sticky AS text;
CREATE DOMAIN step_wait_kind AS text;
CREATE DOMAIN trace_parent AS text;

ALTER TABLE runs
    DROP CONSTRAINT runs_status_check,
    DROP CONSTRAINT runs_sticky_check,
    DROP CONSTRAINT runs_trace_parent_check,
    ALTER COLUMN status TYPE run_status,
    ALTER COLUMN sticky TYPE run_sticky,
    ALTER COLUMN trace_parent TYPE trace_parent;

ALTER TABLE steps
    DROP CONSTRAINT steps_status_check,
    DROP CONSTRAINT steps_wait_kind_check,
    ALTER COLUMN status TYPE step_status,
    ALTER COLUMN wait_kind TYPE step_wait_kind;

ALTER DOMAIN run_status ADD CONSTRAINT run_status_check
    CHECK (VALUE IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));
ALTER DOMAIN step_status ADD CONSTRAINT step_status_check
    CHECK (VALUE IN ('PENDING', 'QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED'));
ALTER DOMAIN run_sticky ADD CONSTRAINT run_sticky_check CHECK (VALUE IN ('SOFT', 'HARD'));
ALTER DOMAIN step_wait_kind ADD CONSTRAINT step_wait_kind_check CHECK (VALUE IN ('CHILDREN', 'SLEEP', 'EVENT'));
ALTER DOMAIN trace_parent ADD CONSTRAINT trace_parent_length_check CHECK (length(VALUE) <= 256);
