-- Projects per project year and sub-sector, with the sub-sector's labels.
SELECT p.project_year AS year, coalesce(p.subsector, '') AS subsector,
       s.label_en, s.label_zh, count(*) AS projects
FROM filtered_projects($filters) AS p
LEFT JOIN subsectors AS s ON s.code = p.subsector
WHERE p.project_year IS NOT NULL
GROUP BY ALL
ORDER BY year, subsector
