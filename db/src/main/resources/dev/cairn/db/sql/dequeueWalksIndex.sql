-- For the transaction of a dequeue: no bitmap scans, so the claim walks steps_queue in (priority, id) order and stops
-- at its limit. Under the generic plan of the prepared statement the planner guessed that one row would pass the
-- claim's filters, and chose a bitmap scan of the whole partial index with a sort. A bitmap scan visits every entry
-- the index still holds, and, unlike an index scan, never marks the entries of rows that left the queue as dead, so
-- they pile up until a vacuum: 19,926 entries (1,095 heap pages) rechecked to claim 22 steps in a remote Bench
-- phase, 11.3-13.2 ms a call (0.71-0.74 ms a claimed step). Walking the index: 3.0-3.3 ms a call (0.16-0.19 ms).
SET LOCAL enable_bitmapscan = off
