-- The filtered projects with their partners, matching the free text $q (empty = all) in
-- titles, descriptions or partner names: the first $limit (NULL = all), newest first, and
-- in `matches` how many match in all.
SELECT p.id, p.title_en, p.title_zh, p.sector, s.label_en AS sector_en, s.label_zh AS sector_zh,
       p.subsector, p.mode, p.status, p.project_year AS year, p.province, p.city,
       p.amount_usd_m, p.capacity_mw, p.cpec, pa.partners, count(*) OVER () AS matches
FROM filtered_projects($filters) AS p
JOIN sectors AS s ON s.code = p.sector
LEFT JOIN project_partner_names AS pa ON pa.project_id = p.id
WHERE $q = ''
   OR contains(lower(p.title_en), lower($q))
   OR contains(coalesce(p.title_zh, ''), $q)
   OR contains(lower(p.description), lower($q))
   OR contains(lower(coalesce(pa.partner_text, '')), lower($q))
ORDER BY p.project_year DESC NULLS LAST, p.title_en
LIMIT $limit
