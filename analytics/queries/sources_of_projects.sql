-- The sources backing the projects in $ids, with the projects each backs.
SELECT s.publisher, s.title, s.url, s.published, s.licence,
       string_agg(ps.project_id, ', ' ORDER BY ps.project_id) AS projects
FROM project_sources AS ps
JOIN sources AS s ON s.id = ps.source_id
WHERE list_contains($ids, ps.project_id)
GROUP BY ALL
ORDER BY s.publisher, s.title
