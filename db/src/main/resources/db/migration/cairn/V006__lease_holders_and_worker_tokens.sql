-- Worker isolation. A lease is held by one identity: "<token id>/<worker id>" for a remote worker (the token it
-- authenticated with and the worker id it registered), "node/<node id>" for an engine node's own slots. Every
-- write on behalf of a running attempt (result, failure, suspension, progress event, durable operation, renewal)
-- is fenced by this column as well as by the attempt number, in the statement that writes.
ALTER TABLE steps ADD COLUMN lease_holder text;

-- A worker token may be scoped to one worker id: the worker must register with exactly that id.
ALTER TABLE tokens ADD COLUMN worker_id text;
