-- (a) Each succeeded diamond's id, input and final output ("<id> <input> <output>"); the caller compares the
-- output with what the input must give. Parameter: the diamond workflow's name.
SELECT r.id || ' ' || (r.input #>> '{}') || ' ' || coalesce(d.output #>> '{}', 'none')
FROM cairn.runs r
LEFT JOIN cairn.steps d ON d.run_id = r.id AND d.step_name = 'd'
WHERE r.workflow_name = ? AND r.status = 'SUCCEEDED'
