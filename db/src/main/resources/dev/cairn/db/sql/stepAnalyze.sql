ANALYZE <schema>.steps
