-- The fingerprint of the workflow definition a run was started (or replayed) with. Its steps are only assigned
-- to workers serving that same definition, so a worker with other code never gets them. NULL (runs from before
-- fingerprints existed) matches any worker.
ALTER TABLE runs ADD COLUMN definition_fingerprint text;
ALTER TABLE steps ADD COLUMN definition_fingerprint text;
