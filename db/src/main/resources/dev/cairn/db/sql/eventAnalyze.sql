-- From the small sample of statisticsSampleSmall, as runAnalyze.sql.
ANALYZE <schema>.events
