-- Every source with the number of projects it backs.
SELECT s.id, s.publisher, s.title, s.url, s.published, s.licence,
       count(ps.project_id) AS projects
FROM sources AS s
LEFT JOIN project_sources AS ps ON ps.source_id = s.id
GROUP BY ALL
ORDER BY s.publisher, s.published DESC NULLS LAST, s.title
