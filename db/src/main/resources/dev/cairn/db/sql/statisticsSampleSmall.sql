-- 300 x 10 rows sampled by an ANALYZE later in this transaction (the default target is 100).
SET LOCAL default_statistics_target = 10
