-- Filtered projects with a site with coordinates, in $country (NULL = anywhere). Up to
-- $max_points sites come one row each (`projects` = 1); beyond that a map could not draw or
-- send them, so they come gathered into cells of $cell degrees, one row a cell at its
-- centre, with how many projects it holds and the sector with most of them (`id`, titles
-- and city then empty).
WITH sites AS (
    SELECT p.id, p.title_en, p.title_zh, p.sector, s.label_en AS sector_en,
           s.label_zh AS sector_zh, p.status, p.site_country, p.province, p.city, p.city_zh,
           p.latitude, p.longitude, p.amount_usd_m, p.capacity_mw
    FROM filtered_projects($filters) AS p
    JOIN sectors AS s ON s.code = p.sector
    WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL
      AND ($country IS NULL OR p.site_country = $country)
),
one_by_one AS (SELECT count(*) <= $max_points AS yes FROM sites),
in_cells AS (
    SELECT (floor(latitude / $cell) + 0.5) * $cell AS lat,
           (floor(longitude / $cell) + 0.5) * $cell AS lon,
           sector, count(*) AS n, any_value(site_country) AS site_country,
           sum(amount_usd_m) AS amount_usd_m, sum(capacity_mw) AS capacity_mw
    FROM sites
    WHERE NOT (SELECT yes FROM one_by_one)
    GROUP BY ALL
),
cells AS (
    -- one marker a cell, in the colour of the sector with most projects there
    SELECT lat, lon, first(sector ORDER BY n DESC, sector) AS sector,
           any_value(site_country) AS site_country, sum(amount_usd_m) AS amount_usd_m,
           sum(capacity_mw) AS capacity_mw, CAST(sum(n) AS BIGINT) AS projects
    FROM in_cells
    GROUP BY lat, lon
)
SELECT *, 1 AS projects
FROM sites
WHERE (SELECT yes FROM one_by_one)
UNION ALL
SELECT NULL, NULL, NULL, c.sector, s.label_en, s.label_zh, NULL, c.site_country, NULL, NULL, NULL,
       c.lat, c.lon, c.amount_usd_m, c.capacity_mw, c.projects
FROM cells AS c
JOIN sectors AS s ON s.code = c.sector
ORDER BY id, sector, latitude, longitude
