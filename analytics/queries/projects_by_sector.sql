-- Number of projects per sector, with the sector's labels, largest first.
SELECT s.code AS sector, s.label_en, s.label_zh, count(*) AS projects
FROM filtered_projects($filters) AS p
JOIN sectors AS s ON s.code = p.sector
GROUP BY ALL
ORDER BY projects DESC, sector
