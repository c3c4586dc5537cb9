-- MW of green-energy generation completed each year, by technology.
SELECT p.completion_year AS year, p.subsector, s.label_en, s.label_zh,
       sum(p.capacity_mw) AS capacity_mw
FROM filtered_projects($filters) AS p
JOIN subsectors AS s ON s.code = p.subsector
WHERE p.sector = 'green_energy' AND p.subsector <> 'transmission'
  AND p.status = 'operational' AND p.completion_year IS NOT NULL AND p.capacity_mw IS NOT NULL
GROUP BY ALL
ORDER BY year, p.subsector
