-- One project, with its sector and sub-sector labels (no row if the filters hide it).
SELECT p.*, s.label_en AS sector_en, s.label_zh AS sector_zh,
       ss.label_en AS subsector_en, ss.label_zh AS subsector_zh
FROM filtered_projects($filters) AS p
JOIN sectors AS s ON s.code = p.sector
LEFT JOIN subsectors AS ss ON ss.code = p.subsector
WHERE p.id = $id
