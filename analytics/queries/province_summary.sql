-- Filtered projects per Pakistani province or territory (mapped or not).
SELECT p.province, count(*) AS projects,
       count(*) FILTER (WHERE p.latitude IS NOT NULL) AS mapped,
       sum(p.amount_usd_m) AS amount_usd_m,
       count(*) FILTER (WHERE p.amount_usd_m IS NULL) AS undisclosed,
       sum(p.capacity_mw) AS capacity_mw
FROM filtered_projects($filters) AS p
WHERE p.province IS NOT NULL
GROUP BY ALL
ORDER BY projects DESC, p.province
