-- Deletes an event trigger; returns whether it was declared, or nothing when there is none.
DELETE FROM <schema>.event_triggers WHERE name = :name RETURNING declared
