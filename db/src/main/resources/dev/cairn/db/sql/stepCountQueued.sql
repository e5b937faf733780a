SELECT count(*) FROM <schema>.steps WHERE status = 'QUEUED'
