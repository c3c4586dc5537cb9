-- The sources backing a project, newest first.
SELECT s.publisher, s.title, s.url, s.published, s.licence, ps.supports
FROM project_sources AS ps
JOIN sources AS s ON s.id = ps.source_id
WHERE ps.project_id = $id
ORDER BY s.published DESC NULLS LAST, s.publisher
