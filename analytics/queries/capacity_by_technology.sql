-- Installed MW of green-energy generation by technology and status.
SELECT p.subsector, s.label_en, s.label_zh, p.status,
       sum(p.capacity_mw) AS capacity_mw, count(*) AS projects
FROM filtered_projects($filters) AS p
JOIN subsectors AS s ON s.code = p.subsector
WHERE p.sector = 'green_energy' AND p.subsector <> 'transmission' AND p.capacity_mw IS NOT NULL
GROUP BY ALL
ORDER BY p.subsector, p.status
