-- The steps' and the events' foreign keys to their run go. Each checked every inserted row with a row lock on its
-- run (a WAL record each time), and a single-step run inserts one step and six events: measured on 2026-12-03,
-- without them the trigger's statement ran 0.30 ms instead of 0.36 and the completion's event statement 0.17 instead
-- of 0.20, and three-step runs went 6 % faster.
-- What they guaranteed is kept by the statements, the only writers of these tables: steps and first events are
-- inserted in the statement that inserts their run (runInsertAll), later events under the run's lock
-- (eventAppendAll), and runs are deleted only by retention (runDeleteTrees), which now deletes their steps and
-- events in the same statement instead of leaving them to ON DELETE CASCADE.

ALTER TABLE steps DROP CONSTRAINT steps_run_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_run_id_fkey;
