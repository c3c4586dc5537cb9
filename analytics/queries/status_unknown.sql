-- The filtered projects counted at the end of $year that no dated fact places then (their
-- status_then is 'unknown'), with their recorded status.
SELECT id, title_en, title_zh, title_zh_basis, status
FROM status_then($filters, [$year])
WHERE status_then = 'unknown'
ORDER BY title_en, id
