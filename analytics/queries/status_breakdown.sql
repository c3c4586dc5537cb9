-- Number of projects per status.
SELECT status, count(*) AS projects
FROM filtered_projects($filters)
GROUP BY ALL
ORDER BY projects DESC, status
