-- A completion whose steps should end their runs is sent with its events and its commit in one round trip
-- (runEndAll.sql); when a run turns out not to end with it, this aborts the transaction before the commit, and the
-- engine writes the completion the general way. SQLSTATE CA001 is the engine's own: nothing else raises it.

CREATE FUNCTION run_did_not_end(run_id uuid) RETURNS boolean
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'run % has steps left after the one expected to end it', run_id USING ERRCODE = 'CA001';
END
$$;
