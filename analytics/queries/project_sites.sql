-- Filtered projects with a site with coordinates, in $country (NULL = anywhere). Up to
-- $max_points sites come one row each (`projects` = 1); beyond that a map could not draw or
-- send them, so they come gathered per sector into cells of $cell degrees, placed at the
-- cell's centre, with how many projects each holds (`id`, titles and city then empty).
WITH sites AS (
    SELECT p.id, p.title_en, p.title_zh, p.sector, s.label_en AS sector_en,
           s.label_zh AS sector_zh, p.status, p.site_country, p.province, p.city,
           p.latitude, p.longitude, p.amount_usd_m, p.capacity_mw
    FROM filtered_projects($filters) AS p
    JOIN sectors AS s ON s.code = p.sector
    WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL
      AND ($country IS NULL OR p.site_country = $country)
),
one_by_one AS (SELECT count(*) <= $max_points AS yes FROM sites)
SELECT *, 1 AS projects
FROM sites
WHERE (SELECT yes FROM one_by_one)
UNION ALL
SELECT NULL, NULL, NULL, sector, any_value(sector_en), any_value(sector_zh), NULL,
       any_value(site_country), NULL, NULL,
       (floor(latitude / $cell) + 0.5) * $cell AS lat,
       (floor(longitude / $cell) + 0.5) * $cell AS lon,
       sum(amount_usd_m), sum(capacity_mw), count(*)
FROM sites
WHERE NOT (SELECT yes FROM one_by_one)
GROUP BY sector, lat, lon
ORDER BY id, sector, latitude, longitude
