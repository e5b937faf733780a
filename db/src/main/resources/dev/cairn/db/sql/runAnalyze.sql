-- From the small sample of statisticsSampleSmall (see stepAnalyze.sql). Until a new database's runs table has
-- statistics, the planner takes it for ten pages, and a statement planned then may keep its plan for the whole table.
ANALYZE <schema>.runs
