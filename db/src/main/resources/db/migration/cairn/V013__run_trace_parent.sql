-- Tracing: the W3C traceparent of a run's span (set when the run was triggered under a sampled trace context), so
-- the spans of its step attempts, wherever they run, continue the trace of whoever triggered it. NULL: not traced.
-- A nullable column without a default: adding it rewrites nothing.

ALTER TABLE runs ADD COLUMN trace_parent text CHECK (length(trace_parent) <= 256);
