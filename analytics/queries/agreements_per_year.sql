-- Agreements signed or announced per year and sector, with the sector's labels.
SELECT p.agreement_year AS year, s.code AS sector, s.label_en, s.label_zh, count(*) AS projects
FROM filtered_projects($filters) AS p
JOIN sectors AS s ON s.code = p.sector
WHERE p.agreement_year IS NOT NULL
GROUP BY ALL
ORDER BY year, sector
