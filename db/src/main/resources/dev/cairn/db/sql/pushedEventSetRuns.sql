-- Records the runs an event's triggers started (the same ones again on a redelivery).
UPDATE <schema>.pushed_events SET run_ids = :runIds::uuid[] WHERE event_key = :eventKey AND event_id = :eventId
