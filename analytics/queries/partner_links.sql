-- Pairs among the $limit institutions in the most filtered projects that share filtered
-- projects, with how many they share (a network of more could not be read).
WITH links AS (
    SELECT DISTINCT p.id AS project_id, pp.institution_id
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_id = p.id
),
top AS (
    SELECT l.institution_id
    FROM links AS l JOIN institutions AS i ON i.id = l.institution_id
    GROUP BY l.institution_id, i.name_en
    ORDER BY count(*) DESC, i.name_en
    LIMIT $limit
),
ours AS (SELECT * FROM links WHERE institution_id IN (SELECT institution_id FROM top))
SELECT a.institution_id AS source, b.institution_id AS target, count(*) AS projects
FROM ours AS a
JOIN ours AS b ON a.project_id = b.project_id AND a.institution_id < b.institution_id
GROUP BY ALL
ORDER BY projects DESC, source, target
