-- MW of green-energy generation completed each year, by technology; only years inside the
-- filters' year range (a project agreed in 2015 may come online after the range ends).
SELECT p.completion_year AS year, p.subsector, s.label_en, s.label_zh,
       sum(p.capacity_mw) AS capacity_mw
FROM filtered_projects($filters) AS p
JOIN subsectors AS s ON s.code = p.subsector
WHERE p.sector = 'green_energy' AND p.subsector <> 'transmission'
  AND p.status = 'operational' AND p.completion_year IS NOT NULL AND p.capacity_mw IS NOT NULL
  AND p.completion_year BETWEEN coalesce($filters['year_from'], p.completion_year)
                            AND coalesce($filters['year_to'], p.completion_year)
GROUP BY ALL
ORDER BY year, p.subsector
