-- The transaction's "now" (the engine's clock, else the database's), as every statement of it sees it.
SELECT coalesce(:now::timestamptz, now())
