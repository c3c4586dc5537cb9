-- The projects with status $status at the end of $year, as the status chart counts them
-- (status_then, queries/_schema.sql): what a click on its bar lists.
SELECT id FROM status_then($filters, [$year])
WHERE status_then = $status
ORDER BY id
