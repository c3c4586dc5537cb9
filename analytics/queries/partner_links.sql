-- Pairs among the $limit institutions in the most filtered projects that share filtered
-- projects, with how many they share (a network of more could not be read).
WITH links AS (
    SELECT DISTINCT pp.project_no, pp.institution_no
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_no = p.project_no
),
top AS (
    SELECT i.institution_no, i.id
    FROM (SELECT institution_no, count(*) AS projects FROM links GROUP BY ALL) AS n
    JOIN institutions AS i ON i.institution_no = n.institution_no
    ORDER BY n.projects DESC, i.name_en
    LIMIT $limit
),
ours AS (
    SELECT l.project_no, t.id AS institution_id
    FROM links AS l JOIN top AS t ON t.institution_no = l.institution_no
)
SELECT a.institution_id AS source, b.institution_id AS target, count(*) AS projects
FROM ours AS a
JOIN ours AS b ON a.project_no = b.project_no AND a.institution_id < b.institution_id
GROUP BY ALL
ORDER BY projects DESC, source, target
