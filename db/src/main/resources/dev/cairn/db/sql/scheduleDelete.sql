-- Deletes a schedule; its runs stay. Returns its name, or nothing when there is none.
DELETE FROM <schema>.schedules WHERE name = :name RETURNING name
