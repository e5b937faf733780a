-- Deletes the rows of workers gone, or stale, before the cutoff (the inventory keeps them a bounded time).
DELETE FROM <schema>.workers
WHERE coalesce(gone_at, stale_at) < :cutoff::timestamptz
