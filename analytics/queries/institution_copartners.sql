-- The institutions that most often share a filtered project with $institution.
WITH mine AS (
    SELECT DISTINCT p.id
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_id = p.id
    WHERE pp.institution_id = $institution
)
SELECT i.id, i.name_en, i.name_zh, i.short_name, i.country, count(DISTINCT pp.project_id) AS projects
FROM mine
JOIN project_partners AS pp ON pp.project_id = mine.id
JOIN institutions AS i ON i.id = pp.institution_id
WHERE i.id <> $institution
GROUP BY ALL
ORDER BY projects DESC, i.name_en
