-- The sources with the number of projects each backs: the first $limit (NULL = all), by
-- publisher and newest first, and in `total` how many there are.
SELECT s.id, s.publisher, s.title, s.url, s.published, s.licence,
       count(ps.project_id) AS projects, count(*) OVER () AS total
FROM sources AS s
LEFT JOIN project_sources AS ps ON ps.source_id = s.id
GROUP BY ALL
ORDER BY s.publisher, s.published DESC NULLS LAST, s.title
LIMIT $limit
