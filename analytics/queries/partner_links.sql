-- Pairs of institutions that share filtered projects, with how many they share.
WITH links AS (
    SELECT DISTINCT p.id AS project_id, pp.institution_id
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_id = p.id
)
SELECT a.institution_id AS source, b.institution_id AS target, count(*) AS projects
FROM links AS a
JOIN links AS b ON a.project_id = b.project_id AND a.institution_id < b.institution_id
GROUP BY ALL
ORDER BY projects DESC, source, target
