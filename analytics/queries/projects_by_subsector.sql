-- Projects per sub-sector (empty code = no sub-sector), largest first.
SELECT coalesce(p.subsector, '') AS subsector, s.label_en, s.label_zh, count(*) AS projects
FROM filtered_projects($filters) AS p
LEFT JOIN subsectors AS s ON s.code = p.subsector
GROUP BY ALL
ORDER BY projects DESC, subsector
