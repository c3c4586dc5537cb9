-- Filtered projects that have a site with coordinates.
SELECT p.id, p.title_en, p.title_zh, p.sector, s.label_en AS sector_en, s.label_zh AS sector_zh,
       p.status, p.site_country, p.province, p.city, p.latitude, p.longitude,
       p.amount_usd_m, p.capacity_mw
FROM filtered_projects($filters) AS p
JOIN sectors AS s ON s.code = p.sector
WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL
ORDER BY p.id
